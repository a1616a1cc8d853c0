package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.webtests.Accounts.Person;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lost-recovery-code path told end to end, as people live it: the API, the worker and the support desk with
 * their real database, Kafka and mail server, mail sent over SMTP, emailed links opened in Chromium.
 */
class SupportRecoveryStoriesTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    @Test
    void anOutsiderCannotTurnOffSomeoneElsesMfa() {
        Person victim = accounts.ownerWithMfa();
        Person outsider = accounts.ownerWithoutMfa();

        // 1. adding the victim to the outsider's organization only invites them: no membership without consent
        accounts.invite(outsider, victim.email(), "MEMBER");
        assertThat(memberships(victim.email(), outsider.organizationId())).isZero();

        // 2. a request forged "From" the victim, the outsider in CC: nobody the victim chose may confirm it
        SupportMail.request(
                victim.email(),
                "Lost my authenticator",
                "I lost my phone and my recovery code, please reset my MFA.",
                outsider.email());
        Map<String, Object> ticket = ticketOf(victim.email());
        assertThat(ticket.get("status")).isEqualTo("NEEDS_AGENT");

        // 3. the outsider "approves" on the thread anyway: without a token nothing is approved
        SupportMail.send(
                outsider.email(),
                GatekeepStack.SUPPORT_ADDRESS,
                new String[0],
                "Re: [" + ticket.get("reference") + "] Lost my authenticator",
                "Approve",
                Map.of());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> inboundFrom(outsider.email()) > 0);

        assertThat(SupportMail.subjectsTo(outsider.email())).noneMatch(subject -> subject.contains("Please confirm"));
        assertThat(status(ticket)).isIn("NEEDS_AGENT");
        assertThat(resetsReleased((UUID) ticket.get("id"))).isZero();
        assertThat(activeCredentials(victim.email())).isOne();
        assertThat(accounts.passwordStep(victim)).isEqualTo("MFA_REQUIRED");
    }

    @Test
    void theRealUserCancelsAnApprovedResetFromTheLinkInTheNotice() {
        Person owner = accounts.ownerWithMfa();
        Person member = accounts.withMfa(accounts.memberOf(owner, "MEMBER"));

        // someone asks in the member's name, copying the owner, and the owner approves by replying
        SupportMail.request(
                member.email(), "MFA reset please", "My phone was wiped. Please reset my MFA.", owner.email());
        Map<String, Object> ticket = ticketOf(member.email());
        assertThat(ticket.get("status")).isEqualTo("AWAITING_APPROVAL");
        MimeMessage confirmation = SupportMail.received(owner.email(), "Please confirm");
        String replyTo = SupportMail.header(confirmation, "Reply-To");
        String messageId = SupportMail.header(confirmation, "Message-ID");
        assertThat(replyTo).contains("+");
        SupportMail.send(
                owner.email(),
                replyTo,
                new String[0],
                "Re: " + SupportMail.subject(confirmation),
                "Approve",
                Map.of("In-Reply-To", messageId, "References", messageId));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(ticket).equals("APPROVED"));

        // the member's notice says when, with a cancel link of their own; it opens a page with one button
        SupportMail.received(member.email(), "will be turned off");
        String link = Mailbox.link(member.email(), "/desk/cancel");
        assertThat(link).startsWith(browser.stack().baseUrl());
        browser.open(link);
        browser.onPage("Cancel the MFA reset");
        assertThat(browser.path()).as("the token leaves the address bar").isEqualTo("/desk/cancel");
        browser.screenshot("cancel-reset");
        browser.click("Cancel the reset");
        browser.onPage("Reset cancelled");
        assertThat(status(ticket)).isEqualTo("CANCELLED");

        // the reset time passes: nothing is released, MFA stays on, and the used link does not work twice
        browser.stack().clock().advance(Duration.ofHours(25));
        await().pollDelay(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> status(ticket).equals("CANCELLED"));
        assertThat(resetsReleased((UUID) ticket.get("id"))).isZero();
        assertThat(activeCredentials(member.email())).isOne();
        assertThat(accounts.passwordStep(member)).isEqualTo("MFA_REQUIRED");
        browser.open(link);
        browser.click("Cancel the reset");
        assertThat(browser.text()).doesNotContain("Nothing changes on the account");
    }

    private static Map<String, Object> ticketOf(String requester) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> browser
                                .stack()
                                .jdbc()
                                .queryForList(
                                        "select id, reference, status from desk_ticket where requester_address = ?",
                                        requester)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        row -> row != null);
    }

    private static String status(Map<String, Object> ticket) {
        return browser.stack()
                .jdbc()
                .queryForObject("select status from desk_ticket where id = ?", String.class, ticket.get("id"));
    }

    private static int inboundFrom(String address) {
        return browser.stack()
                .jdbc()
                .queryForObject(
                        "select count(*) from desk_message where direction = 'IN' and from_address = ?",
                        Integer.class,
                        address);
    }

    private static int resetsReleased(UUID ticketId) {
        return browser.stack().jdbc().queryForObject("""
                select count(*) from outbox_event
                where event_type = 'io.gatekeep.support-ticket.mfa-reset-approved' and payload::text like ?""", Integer.class, "%" + ticketId + "%");
    }

    private static int memberships(String email, UUID organizationId) {
        return browser.stack().jdbc().queryForObject("""
                select count(*) from membership m join app_user u on u.id = m.user_id
                where lower(u.email) = lower(?) and m.organization_id = ?""", Integer.class, email, organizationId);
    }

    private static int activeCredentials(String email) {
        return browser.stack().jdbc().queryForObject("""
                select count(*) from mfa_credential c join app_user u on u.id = c.user_id
                where lower(u.email) = lower(?) and c.revoked_at is null""", Integer.class, email);
    }
}
