package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.testing.TestMail;
import io.gatekeep.webtests.Accounts.Person;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An agent works the support desk in the browser: signs in with password and authenticator code, finds a ticket in
 * the queue, reads its thread and checks, adds a note and denies it. The ticket arrives as real mail over SMTP.
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
        String reference = ticketNeedingAnAgent(requester);

        signInAsAgent(Totp.code(GatekeepStack.AGENT_TOTP_SECRET, Instant.now()));
        browser.onPage("Queue");
        browser.sees(reference);
        assertThat(browser.text()).contains("Needs an agent: ", requester.email(), "NO_ELIGIBLE_OWNER");
        browser.screenshot("desk-queue");

        browser.clickLink(reference);
        browser.onPage("Ticket " + reference);
        assertThat(browser.path()).startsWith("/tickets/");
        browser.sees("Lost my authenticator");
        assertThat(browser.text()).contains("Needs an agent", requester.email(),
                "Please reset my MFA. <b>Thanks</b>", "Pass reset-request", "Fail requester-and-approver",
                "Sent by the desk", "An agent will review your request");
        assertThat(browser.all(By.cssSelector("main b"))).as("mail is shown as text, never as markup").isEmpty();

        browser.type("Note", "Called the requester back on the number in the CRM; the voice matched.");
        browser.click("Add note");
        browser.sees("The note is added.");
        browser.sees("Called the requester back on the number in the CRM");
        browser.screenshot("desk-ticket");

        browser.type("Why it is denied (optional)", "Nobody can vouch for the requester.");
        browser.click("Deny");
        WebElement dialog = browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).stream().findFirst()
                .orElse(null));
        assertThat(dialog.getText()).contains("Deny ticket " + reference + "?", "cannot be undone");
        browser.click("Deny the request");
        browser.sees("The request is denied.");
        assertThat(browser.driver().findElement(By.id("ticket-status")).getText()).isEqualTo("Denied");
        assertThat(browser.stack().jdbc().queryForObject("select status from desk_ticket where reference = ?",
                String.class, reference)).isEqualTo("DENIED");
        assertThat(browser.all(By.xpath("//button[normalize-space()='Deny']"))).as("nothing left to deny").isEmpty();

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

        String stale = Totp.code(GatekeepStack.AGENT_TOTP_SECRET, Instant.now().minus(Duration.ofHours(1)));
        browser.type("User name", GatekeepStack.AGENT);
        browser.type("Password", GatekeepStack.AGENT_PASSWORD);
        browser.type("Authenticator code", stale);
        browser.click("Sign in");

        assertThat(browser.errorOf("Authenticator code")).contains("user name, password or code is wrong");
        assertThat(browser.heading()).isEqualTo("Sign in to the support desk");
        assertThat(browser.field("Authenticator code").getAttribute("aria-invalid")).isEqualTo("true");
    }

    private void signInAsAgent(String code) {
        browser.open(browser.stack().deskUrl() + "/");
        browser.onPage("Sign in to the support desk");
        browser.type("User name", GatekeepStack.AGENT);
        browser.type("Password", GatekeepStack.AGENT_PASSWORD);
        browser.type("Authenticator code", code);
        browser.click("Sign in");
    }

    /** Waits until the desk has read the request from its mailbox; the ticket's reference. */
    private static String ticketNeedingAnAgent(Person requester) {
        Map<String, Object> ticket = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> browser.stack().jdbc().queryForList(
                        "select reference, status from desk_ticket where requester_address = ?", requester.email())
                        .stream().findFirst().orElse(null), row -> row != null);
        assertThat(ticket.get("status")).isEqualTo("NEEDS_AGENT");
        return (String) ticket.get("reference");
    }

    /** What the requester's mail client does: plain SMTP to the support address. */
    private static void email(Person from, String subject, String text) {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(TestMail.get().smtpPort()));
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress(from.email()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(GatekeepStack.SUPPORT_ADDRESS));
            message.setSubject(subject);
            message.setText(text);
            message.setSentDate(new java.util.Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
