package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.webtests.Accounts.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Signing in: password, then the verification page with a code from the app or the recovery code. */
class SignInInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    private void signInWithPassword(Person person) {
        browser.open("/");
        browser.onPage("Sign in");
        browser.type("Email", person.email());
        browser.type("Password", person.password());
        browser.click("Sign in");
    }

    @Test
    void personWithMfaSignsInWithPasswordThenTheCodeTheAppShows() {
        Person owner = accounts.ownerWithMfa();
        signInWithPassword(owner);

        browser.onPage("Verification");
        WebElement code = browser.field("Verification code");
        assertThat(code.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(code.getAttribute("inputmode")).isEqualTo("numeric");
        browser.screenshot("verification");
        code.sendKeys(accounts.code(owner));
        browser.click("Verify");

        browser.onPage("Your profile");
        browser.sees(owner.email());
        assertThat(browser.text()).contains("Multifactor Authentication").contains("On since");
        browser.screenshot("profile");
    }

    @Test
    void wrongPasswordIsSaidInWordsUnderThePasswordField() {
        Person owner = accounts.ownerWithoutMfa();
        browser.open("/sign-in");
        browser.type("Email", owner.email());
        browser.type("Password", "not the password at all");
        browser.click("Sign in");

        assertThat(browser.errorOf("Password")).isEqualTo("That email and password do not match an account.");
        assertThat(browser.heading()).isEqualTo("Sign in");
        browser.screenshot("sign-in-error");
    }

    @Test
    void wrongCodeIsRefusedNextToTheFieldAndTheVerificationPageStays() {
        Person owner = accounts.ownerWithMfa();
        signInWithPassword(owner);
        browser.onPage("Verification");
        String wrong = accounts.code(owner).equals("000000") ? "111111" : "000000";
        browser.type("Verification code", wrong);
        browser.click("Verify");

        assertThat(browser.errorOf("Verification code")).startsWith("That code is not right.");
        assertThat(browser.heading()).isEqualTo("Verification");
        browser.field("Verification code").clear();
        browser.type("Verification code", accounts.code(owner));
        browser.click("Verify");
        browser.onPage("Your profile");
    }

    @Test
    void recoveryCodeSignsInOnceAndTurnsMfaOffAsTheProductSays() {
        Person owner = accounts.ownerWithMfa();
        signInWithPassword(owner);
        browser.onPage("Verification");
        browser.click("Use your recovery code instead");
        browser.type("Recovery code", owner.recoveryCode());
        browser.sees("turns multifactor authentication off");
        browser.click("Sign in with recovery code");

        browser.onPage("Your profile");
        assertThat(browser.text())
                .contains("You signed in with your recovery code")
                .contains("Off.");
        assertThat(browser.button("Set Up").isDisplayed()).isTrue();
    }

    @Test
    void aScriptOnThePageFindsNoTokenInStorageCookiesOrTheAddressAndAReloadForgetsTheSession() {
        Person owner = accounts.ownerWithMfa();
        signInWithPassword(owner);
        browser.onPage("Verification");
        browser.type("Verification code", accounts.code(owner));
        browser.click("Verify");
        browser.onPage("Your profile");

        assertThat(browser.script("return localStorage.length + sessionStorage.length"))
                .isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.path()).isEqualTo("/profile");

        browser.driver().navigate().refresh();
        browser.onPage("Sign in");
        assertThat(browser.text()).contains("Sign in to continue.");
    }

    @Test
    void signInAndVerificationCanBeCompletedWithTheKeyboardAlone() {
        Person owner = accounts.ownerWithMfa();
        browser.open("/sign-in");
        // keys go to whatever has the focus: the email field first, Tab reaches the password, Enter submits
        assertThat(focused()).isEqualTo(browser.field("Email"));
        keys(owner.email(), Keys.TAB);
        assertThat(focused()).isEqualTo(browser.field("Password"));
        keys(owner.password(), Keys.ENTER);

        browser.onPage("Verification");
        assertThat(focused()).isEqualTo(browser.field("Verification code"));
        keys(accounts.code(owner), Keys.ENTER);

        browser.onPage("Your profile");
    }

    private WebElement focused() {
        return browser.driver().switchTo().activeElement();
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }
}
