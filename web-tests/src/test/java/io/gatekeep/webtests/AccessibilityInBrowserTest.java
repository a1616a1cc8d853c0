package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.webtests.Accounts.Person;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Every control has a name in the browser's accessibility tree (what a screen reader announces), on every screen,
 * and the page stays usable on a phone-sized window.
 */
class AccessibilityInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    private void everyControlIsNamed(String screen) {
        List<WebElement> controls = browser.all(By.cssSelector("input, select, textarea, button"));
        assertThat(controls).as("controls on %s", screen).isNotEmpty();
        for (WebElement control : controls) {
            if (control.isDisplayed()) {
                assertThat(control.getAccessibleName())
                        .as("name of %s on %s", control.getAttribute("outerHTML"), screen)
                        .isNotBlank();
            }
        }
    }

    @Test
    void everyControlOnThePublicScreensHasAName() {
        for (String path : List.of(
                "/sign-in",
                "/sign-up",
                "/forgot-password",
                "/reset-password?token=t",
                "/invitations/accept?token=t",
                "/desk/cancel?token=t")) {
            browser.open(path);
            everyControlIsNamed(path);
        }
    }

    @Test
    void everyControlOnTheSignedInScreensHasAName() {
        Person owner = accounts.ownerWithMfa();
        Flows.enterPassword(browser, owner);
        browser.onPage("Verification");
        everyControlIsNamed("verification");
        browser.click("Use your recovery code instead");
        everyControlIsNamed("verification with the recovery code");
        browser.click("Use a code from your app instead");
        browser.type("Verification code", accounts.code(owner));
        browser.click("Verify");
        browser.onPage("Your profile");

        for (String link : List.of("Organization", "Security")) {
            browser.clickLink(link);
            browser.heading();
            browser.waitFor(d -> d.findElements(By.cssSelector("main button")).isEmpty() ? null : true);
            everyControlIsNamed(link);
        }
    }

    @Test
    void signInFitsAPhoneScreenWithoutSidewaysScrolling() {
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.open("/sign-in");
            Long overflow = (Long) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).isLessThanOrEqualTo(0L);
            browser.screenshot("sign-in-phone");
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }
}
