package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.webtests.Accounts.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An agent works the support desk in the browser: signs in with password and authenticator code, finds a ticket in
 * the queue, reads its thread and checks, adds a note and denies it, or gives the first of two approvals. Tickets
 * arrive as real mail over SMTP.
 */
class SupportDeskInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    @Test
    void agentSignsInFindsTheTicketInTheQueueAddsANoteAndDeniesIt() {
        // the only owner of their organization asks for a reset: nobody may confirm it, so an agent must decide
        Person requester = accounts.ownerWithoutMfa();
        email(requester, "Lost my authenticator", """
                Hello, I lost my phone with the authenticator app and cannot sign in any more.
                Please reset my MFA. <b>Thanks</b>""");
        String reference = ticketOf(requester, "NEEDS_AGENT");

        signInAsAgent();
        browser.onPage("Queue");
        browser.sees(reference);
        assertThat(browser.text()).contains("Needs an agent: ", requester.email(), "NO_ELIGIBLE_OWNER");
        browser.screenshot("desk-queue");

        browser.clickLink(reference);
        browser.onPage("Ticket " + reference);
        assertThat(browser.path()).startsWith("/tickets/");
        browser.sees("Lost my authenticator");
        assertThat(browser.text())
                .contains(
                        "Needs an agent",
                        requester.email(),
                        "Please reset my MFA. <b>Thanks</b>",
                        "Pass reset-request",
                        "Fail requester-and-approver",
                        "Sent by the desk",
                        "An agent will review your request");
        assertThat(browser.all(By.cssSelector("main b")))
                .as("mail is shown as text, never as markup")
                .isEmpty();

        browser.type("Note", "Called the requester back on the number in the CRM; the voice matched.");
        browser.click("Add note");
        browser.sees("The note is added.");
        browser.sees("Called the requester back on the number in the CRM");
        browser.screenshot("desk-ticket");

        browser.type("Why it is denied (optional)", "Nobody can vouch for the requester.");
        browser.click("Deny");
        WebElement dialog = browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).stream()
                .findFirst()
                .orElse(null));
        assertThat(dialog.getText()).contains("Deny ticket " + reference + "?", "cannot be undone");
        browser.click("Deny the request");
        browser.sees("The request is denied.");
        assertThat(browser.driver().findElement(By.id("ticket-status")).getText())
                .isEqualTo("Denied");
        assertThat(browser.stack()
                        .jdbc()
                        .queryForObject("select status from desk_ticket where reference = ?", String.class, reference))
                .isEqualTo("DENIED");
        assertThat(browser.all(By.xpath("//button[normalize-space()='Deny']")))
                .as("nothing left to deny")
                .isEmpty();

        browser.click("Sign out");
        browser.onPage("Sign in to the support desk");
        browser.sees("You are signed out.");
    }

    @Test
    void aWrongAuthenticatorCodeIsSaidNextToTheCodeField() {
        browser.open(browser.stack().deskUrl() + "/");
        browser.onPage("Sign in to the support desk");
        WebElement code = browser.field("Authenticator code");
        assertThat(code.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(code.getAttribute("inputmode")).isEqualTo("numeric");

        String stale = Totp.code(
                GatekeepStack.AGENT_TOTP_SECRET,
                browser.stack().clock().instant().minus(Duration.ofHours(1)));
        browser.type("User name", GatekeepStack.AGENT);
        browser.type("Password", GatekeepStack.AGENT_PASSWORD);
        browser.type("Authenticator code", stale);
        browser.click("Sign in");

        assertThat(browser.errorOf("Authenticator code")).contains("user name, password or code is wrong");
        assertThat(browser.heading()).isEqualTo("Sign in to the support desk");
        assertThat(browser.field("Authenticator code").getAttribute("aria-invalid"))
                .isEqualTo("true");
    }

    @Test
    void anAgentEscalatesATicketWaitingForItsOwnerThenGivesTheFirstOfTwoApprovals() {
        // a member asks, copying their owner: the desk asks the owner, and the ticket waits for the answer
        Person owner = accounts.ownerWithMfa();
        Person member = accounts.memberOf(owner, "MEMBER");
        email(
                member,
                "MFA reset please",
                "My authenticator app was wiped with my phone. Please reset my MFA.",
                owner.email());
        String reference = ticketOf(member, "AWAITING_APPROVAL");

        signInAsAgent();
        browser.onPage("Queue");
        browser.clickLink("Awaiting owner");
        browser.clickLink(reference);
        browser.onPage("Ticket " + reference);
        assertThat(browser.text()).contains(owner.organizationName(), owner.email(), "Pass requester-and-approver");

        String justification = "Called the requester on the number on file; they answered the security questions.";
        approve("Looks fine");
        assertThat(browser.errorOf("Justification")).contains("at least 20 characters");
        approve(justification);
        confirm("Approve the MFA reset of ticket " + reference + "?", "Approve the reset");
        browser.sees("still waiting for the organization owner's answer. Escalate it first");

        browser.type("Why an agent should decide (optional)", "The owner is on leave for three weeks.");
        browser.click("Escalate");
        confirm("Escalate ticket " + reference + "?", "Escalate");
        browser.sees("The ticket is back with the agents.");
        assertThat(status()).isEqualTo("Needs an agent");

        approve(justification);
        confirm("Approve the MFA reset of ticket " + reference + "?", "Approve the reset");
        browser.sees("Your approval is recorded as the first one. A second, different agent must approve too");
        assertThat(status()).isEqualTo("Pending second approval");
        assertThat(browser.text()).contains("FIRST_APPROVAL by agent", justification);

        approve(justification);
        confirm("Approve the MFA reset of ticket " + reference + "?", "Approve the reset");
        browser.sees("You gave the first approval already. The second approval must come from a different agent.");
        assertThat(browser.stack()
                        .jdbc()
                        .queryForObject("select status from desk_ticket where reference = ?", String.class, reference))
                .isEqualTo("PENDING_SECOND_APPROVAL");
    }

    private void approve(String justification) {
        browser.type("Justification", justification);
        browser.click("Approve");
    }

    /** Answers the confirmation dialog, once it asks {@code question}. */
    private void confirm(String question, String button) {
        WebElement dialog = browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).stream()
                .findFirst()
                .orElse(null));
        assertThat(dialog.getText()).contains(question);
        browser.click(button);
    }

    private String status() {
        return browser.driver().findElement(By.id("ticket-status")).getText();
    }

    /** The last TOTP time step an agent signed in with: the desk takes each step once, and only newer ones. */
    private static long lastStep;

    /** Signs the agent in with the code their app shows now (waiting for the next one when this one was used). */
    private void signInAsAgent() {
        long current = browser.stack().clock().instant().getEpochSecond() / 30;
        if (current <= lastStep) { // the agent waits for the next code, as they would
            browser.stack().clock().advance(Duration.ofSeconds(30 * (lastStep + 1 - current)));
        }
        long step = Math.max(current, lastStep + 1);
        lastStep = step;
        browser.open(browser.stack().deskUrl() + "/");
        browser.onPage("Sign in to the support desk");
        browser.type("User name", GatekeepStack.AGENT);
        browser.type("Password", GatekeepStack.AGENT_PASSWORD);
        browser.type(
                "Authenticator code", Totp.code(GatekeepStack.AGENT_TOTP_SECRET, Instant.ofEpochSecond(step * 30)));
        browser.click("Sign in");
    }

    /** Waits until the desk has read the request from its mailbox; the ticket's reference. */
    private static String ticketOf(Person requester, String expectedStatus) {
        Map<String, Object> ticket = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> browser
                                .stack()
                                .jdbc()
                                .queryForList(
                                        "select reference, status from desk_ticket where requester_address = ?",
                                        requester.email())
                                .stream()
                                .findFirst()
                                .orElse(null),
                        row -> row != null);
        assertThat(ticket.get("status")).isEqualTo(expectedStatus);
        return (String) ticket.get("reference");
    }

    private static void email(Person from, String subject, String text, String... copied) {
        SupportMail.request(from.email(), subject, text, copied);
    }
}
