package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.webtests.Accounts.Person;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Setting up MFA as the product documentation describes it: Set Up on the profile, a QR code valid for one minute,
 * a page that times out after three, and the recovery code shown once.
 */
class MfaSetupInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    private void openSetup(Person person) {
        Flows.signIn(browser, accounts, person);
        browser.click("Set Up");
        browser.onPage("Set up multifactor authentication");
    }

    /** Sign up in the browser; with address confirmation, through the emailed link. */
    private Person signUpInBrowser() {
        String email = Accounts.uniqueEmail("newcomer");
        browser.open("/");
        browser.clickLink("Create an account");
        browser.onPage("Create an account");
        browser.type("Organization name", "Newcomer Works");
        browser.type("Your name", "Nia Newcomer");
        browser.type("Email", email);
        browser.type("Password", Accounts.PASSWORD);
        browser.screenshot("sign-up");
        browser.click("Create account");
        browser.onPage("Check your email");
        browser.sees(email);
        browser.open(Mailbox.link(email, "/verify-email")); // confirms, then goes on to the profile
        browser.onPage("Your profile");
        return new Person(email, Accounts.PASSWORD, "Newcomer Works", null, null, null);
    }

    @Test
    void newcomerSetsUpMfaByScanningTheQrThenSignsInWithACodeAndOnceWithTheRecoveryCode() {
        Person newcomer = signUpInBrowser();
        assertThat(browser.text()).contains("Off.");
        browser.click("Set Up");
        browser.onPage("Set up multifactor authentication");
        browser.screenshot("setup");

        String secret = Flows.confirmSetup(browser, accounts);
        String recoveryCode =
                browser.driver().findElement(By.id("recovery-code")).getText();
        assertThat(recoveryCode).matches("[A-Z0-9]{4}(-[A-Z0-9]{4})+");
        assertThat(browser.button("Copy").isDisplayed()).isTrue();
        assertThat(browser.button("Download").isDisplayed()).isTrue();
        assertThat(browser.driver()
                        .findElement(By.xpath("//button[normalize-space()='Continue']"))
                        .isEnabled())
                .as("Continue waits for 'I have saved it'")
                .isFalse();
        browser.screenshot("recovery-code");
        browser.field("I have saved it").click();
        browser.click("Continue");
        browser.onPage("Your profile");
        assertThat(browser.text()).contains("On since").doesNotContain(recoveryCode);

        browser.driver().navigate().back(); // back to the setup page: the code is never shown again
        browser.onPage("Your profile");
        assertThat(browser.text()).contains("already on").doesNotContain(recoveryCode);

        Person withMfa = newcomer.withMfa(secret, recoveryCode);
        Flows.signOut(browser);
        accounts.nextCode();
        Flows.signIn(browser, accounts, withMfa);
        Flows.signOut(browser);

        Flows.enterPassword(browser, withMfa);
        browser.onPage("Verification");
        browser.click("Use your recovery code instead");
        browser.type("Recovery code", recoveryCode);
        browser.click("Sign in with recovery code");
        browser.onPage("Your profile");
        assertThat(browser.text())
                .contains("multifactor authentication is now off")
                .contains("Off.");
    }

    @Test
    void qrCodeCountsDownAMinuteThenOffersANewOneAndRefusesCodesOfTheOldOne() {
        openSetup(accounts.ownerWithoutMfa());
        String countdown = browser.driver().findElement(By.id("qr-countdown")).getText();
        assertThat(countdown).matches("The QR code is valid for 0:[0-5][0-9]\\.");
        String first = Flows.scanQr(browser);

        browser.stack().clock().advance(Duration.ofSeconds(61));
        browser.advanceClock(Duration.ofSeconds(61));
        browser.button("Expired: show a new code");
        assertThat(browser.all(By.cssSelector("img.qr")).get(0).isDisplayed()).isFalse();
        browser.screenshot("setup-qr-expired");

        browser.type(
                "6-digit code from the app",
                Totp.code(first, browser.stack().clock().instant()));
        browser.click("Verify");
        assertThat(browser.errorOf("6-digit code from the app")).startsWith("This QR code has expired.");

        browser.click("Expired: show a new code");
        String second = Flows.scanQr(browser);
        assertThat(second).isNotEqualTo(first);
        browser.sees("The QR code is valid for 0:5");
        browser.field("6-digit code from the app").clear();
        browser.type(
                "6-digit code from the app",
                Totp.code(second, browser.stack().clock().instant()));
        browser.click("Verify");
        browser.onPage("Save your recovery code");
    }

    @Test
    void setupPageTimesOutAfterThreeMinutesAndSendsThePersonBackToSignInSayingWhy() {
        openSetup(accounts.ownerWithoutMfa());
        assertThat(browser.driver().findElement(By.id("page-timer")).getText())
                .matches("This page times out in [0-3]:[0-5][0-9]\\.");

        browser.stack().clock().advance(Duration.ofSeconds(181));
        browser.advanceClock(Duration.ofSeconds(181));

        browser.onPage("Sign in");
        assertThat(browser.text()).contains("timed out").contains("Sign in again to start over");
        browser.screenshot("setup-timed-out");
    }

    @Test
    void wrongCodeSaysSoAndKeepsTheSetupPage() {
        openSetup(accounts.ownerWithoutMfa());
        String secret = Flows.scanQr(browser);
        String right = Totp.code(secret, browser.stack().clock().instant());
        browser.type("6-digit code from the app", right.equals("123456") ? "654321" : "123456");
        browser.click("Verify");

        assertThat(browser.errorOf("6-digit code from the app")).startsWith("That code is not right.");
        assertThat(browser.heading()).isEqualTo("Set up multifactor authentication");
        assertThat(Flows.scanQr(browser)).isEqualTo(secret);
    }
}
