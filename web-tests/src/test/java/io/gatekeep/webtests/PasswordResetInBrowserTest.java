package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.webtests.Accounts.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A forgotten password: the link arrives by mail, opens the page that chooses a new one, and only that one works. */
class PasswordResetInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    @Test
    void personResetsTheirPasswordFromTheEmailedLinkAndSignsInWithTheNewOne() {
        Person owner = accounts.ownerWithoutMfa();
        browser.open("/sign-in");
        browser.clickLink("Forgot your password?");
        browser.onPage("Forgot your password?");
        browser.type("Email", owner.email());
        browser.click("Email me a link");
        browser.sees("If an account uses this address");

        browser.open(Mailbox.link(owner.email(), "/reset-password"));
        browser.onPage("Choose a new password");
        assertThat(browser.path()).as("the token leaves the address bar").isEqualTo("/reset-password");
        String newPassword = "lantern harbour violet 2026";
        browser.type("New password", newPassword);
        browser.type("New password again", newPassword);
        browser.click("Save new password");
        browser.onPage("Sign in");
        browser.sees("Your password is changed");

        browser.type("Email", owner.email());
        browser.type("Password", owner.password());
        browser.click("Sign in");
        assertThat(browser.errorOf("Password")).contains("do not match");

        browser.type("Password", newPassword);
        browser.click("Sign in");
        browser.onPage("Your profile");
        browser.sees(owner.email());
    }
}
