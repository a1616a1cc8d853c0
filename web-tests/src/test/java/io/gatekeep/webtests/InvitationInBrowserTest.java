package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.webtests.Accounts.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The invitation email's link opens a page that accepts (new or existing account) or declines. */
class InvitationInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    @Test
    void newPersonAcceptsFromTheEmailedLinkWithAPasswordAndSignsIn() {
        Person owner = accounts.ownerWithMfa();
        String email = Accounts.uniqueEmail("carol");
        Flows.signIn(browser, accounts, owner);
        browser.clickLink("Organization");
        browser.onPage("Organization settings");
        browser.type("Email address", email);
        new Select(browser.field("Role")).selectByVisibleText("Admin");
        browser.click("Send invitation");
        browser.waitFor(
                d -> d.findElement(By.id("pending-invitations")).getText().contains(email) ? true : null);
        Flows.signOut(browser);

        browser.open(Mailbox.link(email, "/invitations/accept"));
        browser.onPage("You are invited");
        assertThat(browser.path()).as("the token leaves the address bar").isEqualTo("/invitations/accept");
        browser.screenshot("invitation");
        browser.type("Choose a password", Accounts.PASSWORD);
        browser.click("Accept and create my account");

        browser.onPage("Sign in");
        browser.sees("you accepted the invitation");
        Flows.signIn(browser, accounts, new Person(email, Accounts.PASSWORD, null, null, null, null));
        assertThat(browser.text()).contains(owner.organizationName() + " · Admin");
    }

    @Test
    void existingAccountSignsInFromTheEmailedLinkAndIsAMemberRightAfter() {
        Person owner = accounts.ownerWithMfa();
        Person other = accounts.ownerWithoutMfa();
        accounts.invite(owner, other.email(), "MEMBER");

        browser.open(Mailbox.link(other.email(), "/invitations/accept"));
        browser.onPage("You are invited");
        browser.click("Sign in to accept");
        browser.onPage("Sign in");
        browser.sees("Sign in to accept your invitation.");
        browser.type("Email", other.email());
        browser.type("Password", other.password());
        browser.click("Sign in");

        browser.onPage("Your profile");
        assertThat(browser.text())
                .contains("You accepted the invitation")
                .contains(owner.organizationName() + " · Member");
    }

    @Test
    void personDeclinesFromTheEmailedLinkAndNothingIsMade() {
        Person owner = accounts.ownerWithMfa();
        String email = Accounts.uniqueEmail("dave");
        accounts.invite(owner, email, "MEMBER");

        browser.open(Mailbox.link(email, "/invitations/accept"));
        browser.click("Decline the invitation");
        browser.click("Decline");
        browser.onPage("Invitation declined");
        Integer memberships = browser.stack().jdbc().queryForObject("""
                select count(*) from membership m join app_user u on u.id = m.user_id where lower(u.email) = lower(?)
                """, Integer.class, email);
        assertThat(memberships).isZero();
    }
}
