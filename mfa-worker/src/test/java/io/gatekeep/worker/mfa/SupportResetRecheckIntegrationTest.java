package io.gatekeep.worker.mfa;

import static io.gatekeep.worker.mfa.SupportResetIntegrationTest.approved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A due support reset is applied only if the system of record still agrees at that moment; otherwise nothing changes
 * and {@code MfaResetRefused} sends the ticket back to an agent. After a reset, and after a recovery-code sign-in, the
 * organization's owners are told.
 */
class SupportResetRecheckIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    EmailDispatcher emails;

    private record Situation(
            UUID organization,
            Accounts.Person owner,
            Accounts.Person user,
            UUID credential,
            UUID ticket,
            DeskTickets desk) {}

    /** An owner and a member of long standing, the member with MFA on, and an approved ticket that is due. */
    private Situation dueReset(String reference) {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Recheck " + reference);
        Accounts.Person owner = accounts.activeUser("Owen Owner");
        Accounts.Person user = accounts.activeUser("Lena Lost");
        accounts.member(organization, owner, "OWNER");
        accounts.member(organization, user, "MEMBER");
        DeskTickets desk = new DeskTickets(jdbc, clock);
        desk.agedMember(organization, owner.id(), "CREATED");
        desk.agedMember(organization, user.id(), "INVITATION");
        UUID credential = new MfaRows(jdbc, clock).activeCredential(user.id());
        UUID ticket = desk.approvedAndDue(reference, user.id(), organization, owner.id());
        return new Situation(organization, owner, user, credential, ticket, desk);
    }

    @Test
    void anApproverWhoLostOwnershipDuringTheDelayResetsNothingAndTheRefusalNamesWhy() {
        Situation s = dueReset("MFA-RQ2K4");
        jdbc.update(
                "update membership set role = 'MEMBER', role_since = now() where organization_id = ? and user_id = ?",
                s.organization(),
                s.owner().id());

        assertRefused(s, "APPROVER_NOT_ELIGIBLE");
    }

    @Test
    void theOwnerOfAMinuteOldOwnershipCannotHaveMfaReset() {
        Situation s = dueReset("MFA-RQ3K5");
        jdbc.update(
                "update membership set role_since = ? where organization_id = ? and user_id = ?",
                java.sql.Timestamp.from(clock.instant().minusSeconds(60)),
                s.organization(),
                s.owner().id());

        assertRefused(s, "APPROVER_NOT_ELIGIBLE");
    }

    @Test
    void aRequesterWhoWasAddedWithoutConsentOrLeftIsRefused() {
        Situation added = dueReset("MFA-RQ4K6");
        added.desk().agedMember(added.organization(), added.user().id(), "ADDED");
        assertRefused(added, "REQUESTER_NOT_ELIGIBLE");

        Situation left = dueReset("MFA-RQ5K7");
        jdbc.update(
                "delete from membership where organization_id = ? and user_id = ?",
                left.organization(),
                left.user().id());
        assertRefused(left, "REQUESTER_NOT_ELIGIBLE");
    }

    @Test
    void aCancelledOrNotYetReleasedTicketIsNotReset() {
        Situation cancelled = dueReset("MFA-RQ6K8");
        cancelled.desk().status(cancelled.ticket(), "CANCELLED");
        assertRefused(cancelled, "TICKET_NOT_APPROVED");

        Situation early = dueReset("MFA-RQ7K9");
        early.desk().notReleased(early.ticket());
        assertRefused(early, "NOT_DUE_YET");
    }

    @Test
    void afterAResetEveryOwnerIsToldWhoWhenAndTheTicketReference() throws Exception {
        Situation s = dueReset("MFA-RQ8KA");
        Accounts.Person coOwner = accounts().activeUser("Cora Coowner");
        accounts().member(s.organization(), coOwner, "OWNER");

        EventEnvelope event = publish(approved(
                s.ticket(),
                "MFA-RQ8KA",
                s.user().id(),
                s.organization(),
                s.owner().id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(SupportResetHandler.NAME, event));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from outgoing_email where recipient in (?, ?, ?)",
                                Integer.class,
                                s.owner().email(),
                                coOwner.email(),
                                s.user().email())
                        == 3);
        emails.dispatchDue();

        for (Accounts.Person owner : List.of(s.owner(), coOwner)) {
            assertThat(mailTo(owner.email())).singleElement().satisfies(message -> {
                assertThat(message.getSubject()).isEqualTo("MFA was turned off for Lena Lost after a support request");
                assertThat(message.getContent().toString())
                        .contains("MFA-RQ8KA", s.user().email(), "approved by “Owen Owner”", "UTC");
            });
        }
        assertThat(mailTo(s.user().email()))
                .extracting(MimeMessage::getSubject)
                .containsExactly("Multi-factor authentication is now off");
    }

    @Test
    void ownersAreToldWhenAMemberSignsInWithTheirRecoveryCode() throws Exception {
        Situation s = dueReset("MFA-RQ9KB");

        EventEnvelope event = publish(new RecoveryCodeUsed(s.user().id(), s.credential(), "203.0.113.9"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications", event));
        emails.dispatchDue();

        assertThat(mailTo(s.owner().email())).singleElement().satisfies(message -> {
            assertThat(message.getSubject()).isEqualTo("Lena Lost signed in with their recovery code");
            assertThat(message.getContent().toString())
                    .contains(s.user().email())
                    .doesNotContain("203.0.113.9");
        });
    }

    private void assertRefused(Situation s, String reason) {
        EventEnvelope event = publish(approved(
                s.ticket(), "MFA-X", s.user().id(), s.organization(), s.owner().id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(SupportResetHandler.NAME, event));

        assertThat(jdbc.queryForObject(
                        "select revoked_at is null from mfa_credential where id = ?", Boolean.class, s.credential()))
                .as("credential untouched")
                .isTrue();
        assertThat(jdbc.queryForList("""
                select payload ->> 'reason' from outbox_event
                where event_type = 'io.gatekeep.recovery.mfa-reset-refused' and partition_key = ?""", String.class, s.ticket().toString())).containsExactly(reason);
        assertThat(jdbc.queryForObject("""
                select count(*) from outbox_event where event_type = 'io.gatekeep.recovery.mfa-disabled'
                  and partition_key = ?""", Integer.class, s.user().id().toString()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_email where recipient = ?",
                        Integer.class,
                        s.user().email()))
                .as("no email claims a reset")
                .isZero();
    }
}
