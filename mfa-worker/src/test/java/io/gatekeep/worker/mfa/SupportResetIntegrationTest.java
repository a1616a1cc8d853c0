package io.gatekeep.worker.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.support.MfaResetApproved;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SupportResetIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    EmailDispatcher emails;

    @Test
    void approvedResetDisablesMfaEndsSessionsAndEmitsMfaDisabledOnceEvenWhenDeliveredTwice() throws Exception {
        MfaRows mfa = new MfaRows(jdbc, clock);
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Resetco");
        Accounts.Person owner = accounts.activeUser("Oona Owner");
        Accounts.Person user = accounts.activeUser("Luis Lostcode");
        accounts.member(organization, owner, "OWNER");
        accounts.member(organization, user, "MEMBER");
        DeskTickets desk = new DeskTickets(jdbc, clock);
        desk.agedMember(organization, owner.id(), "CREATED");
        desk.agedMember(organization, user.id(), "INVITATION");
        UUID credential = mfa.activeCredential(user.id());
        mfa.session(user.id());
        UUID phone = mfa.session(user.id());
        UUID setup = mfa.pendingSetup(user.id(), phone, Duration.ofSeconds(10));
        UUID ticket = desk.approvedAndDue("MFA-7Q4K2", user.id(), organization, owner.id());

        EventEnvelope approved = publish(approved(ticket, "MFA-7Q4K2", user.id(), organization, owner.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(SupportResetHandler.NAME, approved));
        republish(approved);
        EventEnvelope again = publish(approved(ticket, "MFA-7Q4K2", user.id(), organization, owner.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(SupportResetHandler.NAME, again));

        Map<String, Object> revoked = jdbc.queryForMap("""
                select revoked_reason, revoked_at, secret_ciphertext from mfa_credential where id = ?""", credential);
        assertThat(revoked).containsEntry("revoked_reason", "SUPPORT_RESET").containsEntry("secret_ciphertext", null);
        assertThat(jdbc.queryForObject(
                        "select count(*) from mfa_recovery_code where user_id = ? and revoked_at is null",
                        Integer.class,
                        user.id()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from auth_session where user_id = ? and revoked_at is null",
                        Integer.class,
                        user.id()))
                .isZero();
        assertThat(jdbc.queryForObject("select status from mfa_setup where id = ?", String.class, setup))
                .isEqualTo("EXPIRED");
        List<Map<String, Object>> disabled = jdbc.queryForList("""
                select payload ->> 'reason' as reason, payload ->> 'ticketId' as ticket,
                       payload ->> 'actorUserId' as actor, payload ->> 'credentialId' as credential
                from outbox_event where event_type = 'io.gatekeep.recovery.mfa-disabled' and partition_key = ?""", user.id().toString());
        assertThat(disabled)
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("reason", "SUPPORT_RESET")
                        .containsEntry("ticket", ticket.toString())
                        .containsEntry("actor", owner.id().toString())
                        .containsEntry("credential", credential.toString()));
        assertThat(jdbc.queryForList("""
                select payload ->> 'reason' as reason, payload ->> 'count' as count
                from outbox_event where event_type = 'io.gatekeep.account.sessions-revoked' and partition_key = ?""", user.id().toString()))
                .singleElement()
                .satisfies(row ->
                        assertThat(row).containsEntry("reason", "SUPPORT_RESET").containsEntry("count", "2"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from outgoing_email where recipient = ?", Integer.class, user.email())
                        > 0);
        emails.dispatchDue();
        List<MimeMessage> received = mailTo(user.email());
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.getSubject()).isEqualTo("Multi-factor authentication is now off");
            assertThat(message.getContent().toString())
                    .contains("support request (ticket " + ticket + ")")
                    .contains("confirmed by Oona Owner");
        });
    }

    @Test
    void approvedResetOfUserWithoutMfaEmitsResetNotNeededSoTheTicketCanClose() {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Already-off Inc");
        Accounts.Person owner = accounts.activeUser("Olga Owner");
        Accounts.Person user = accounts.activeUser("Nina Nomfa");
        accounts.member(organization, owner, "OWNER");
        accounts.member(organization, user, "MEMBER");
        DeskTickets desk = new DeskTickets(jdbc, clock);
        desk.agedMember(organization, owner.id(), "CREATED");
        desk.agedMember(organization, user.id(), "INVITATION");
        UUID ticket = desk.approvedAndDue("MFA-8R5L3", user.id(), organization, owner.id());

        EventEnvelope approved = publish(approved(ticket, "MFA-8R5L3", user.id(), organization, owner.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(SupportResetHandler.NAME, approved));

        assertThat(jdbc.queryForList("""
                select payload ->> 'ticketId' as ticket, payload ->> 'reference' as reference
                from outbox_event where event_type = 'io.gatekeep.recovery.mfa-reset-not-needed'
                  and partition_key = ?""", user.id().toString()))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("ticket", ticket.toString())
                        .containsEntry("reference", "MFA-8R5L3"));
        assertThat(jdbc.queryForObject("""
                select count(*) from outbox_event where event_type = 'io.gatekeep.recovery.mfa-disabled'
                  and partition_key = ?""", Integer.class, user.id().toString()))
                .isZero();
    }

    /** The event as the desk publishes it at the reset time, 24 hours after the approval. */
    static MfaResetApproved approved(UUID ticket, String reference, UUID user, UUID organization, UUID approver) {
        java.time.Instant resetAt = java.time.Instant.now().minusSeconds(60);
        return new MfaResetApproved(
                ticket,
                reference,
                user,
                organization,
                approver,
                MfaResetApproved.Via.OWNER_REPLY,
                null,
                resetAt.minus(Duration.ofHours(24)),
                resetAt);
    }
}
