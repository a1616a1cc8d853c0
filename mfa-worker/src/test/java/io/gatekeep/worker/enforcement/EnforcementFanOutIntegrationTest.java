package io.gatekeep.worker.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.enforcement.FanOutJob.Progress;
import io.gatekeep.worker.enforcement.FanOutJob.Status;
import io.gatekeep.worker.mail.EmailDispatcher;
import io.gatekeep.worker.mail.OutgoingEmails;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notice fan-out against real PostgreSQL, Kafka and SMTP: an organization of an owner (with MFA), 30 active
 * members of whom half have MFA, and one invited member. Jobs are created per "worker process" with a small batch
 * size, so a test can stop one halfway and let another resume.
 */
class EnforcementFanOutIntegrationTest extends WorkerIntegrationTest {

    private static final int BATCH = 4;

    @Autowired
    EmailDispatcher dispatcher;

    @Autowired
    OutgoingEmails outgoing;

    @Autowired
    PlatformTransactionManager transactionManager;

    private UUID organization;
    private Accounts.Person owner;
    private final List<Accounts.Person> withMfa = new ArrayList<>();
    private final List<Accounts.Person> withoutMfa = new ArrayList<>();
    private Accounts.Person invited;

    @BeforeEach
    void organizationWithHalfTheMembersWithoutMfa() {
        Accounts accounts = accounts();
        organization =
                accounts.organization("Enforcia " + UUID.randomUUID().toString().substring(0, 6));
        owner = accounts.activeUser("Olga Owner");
        accounts.member(organization, owner, "OWNER");
        enableMfa(owner);
        for (int i = 0; i < 30; i++) {
            Accounts.Person member = accounts.activeUser("Member " + i);
            accounts.member(organization, member, "MEMBER");
            if (i % 2 == 0) {
                enableMfa(member);
                withMfa.add(member);
            } else {
                withoutMfa.add(member);
            }
        }
        invited = accounts.invitedUser("Ivy Invited");
        accounts.member(organization, invited, "MEMBER");
    }

    @Test
    void oneNoticePerMemberWithoutMfaEvenWhenTheWorkerIsReplacedHalfway() throws Exception {
        EventEnvelope event = turnOn(false);

        Progress halfway = newJob(BATCH, Pacer.UNTHROTTLED).run(event.id(), 2);
        assertThat(halfway.status()).isEqualTo(Status.RUNNING);
        assertThat(noticesQueued(event)).isEqualTo(2 * BATCH);
        // The first worker dies here; a new process resumes from the committed cursor.
        Progress done = newJob(BATCH, Pacer.UNTHROTTLED).run(event.id(), 100);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);

        deliverAll();
        for (Accounts.Person member : withoutMfa) {
            List<MimeMessage> received = mailTo(member.email());
            assertThat(received).as("notices to %s", member.displayName()).hasSize(1);
            assertThat(received.get(0).getSubject()).endsWith("now requires two-factor authentication");
            assertThat(received.get(0).getContent().toString())
                    .contains("Hello " + member.displayName())
                    .contains("next time you sign in, you will be asked to set it up")
                    .contains("https://gatekeep.example.test");
        }
        for (Accounts.Person member : withMfa) {
            assertThat(mailTo(member.email()))
                    .as("no notice to %s", member.displayName())
                    .isEmpty();
        }
        assertThat(mailTo(invited.email()))
                .as("invited members meet it at their first sign-in")
                .isEmpty();
        assertThat(fanOutRow(event, "notified")).isEqualTo(15);
    }

    @Test
    void replayingBatchesOrRedeliveringTheEventSendsNothingTwice() throws Exception {
        EventEnvelope event = turnOn(false);
        newJob(BATCH, Pacer.UNTHROTTLED).run(event.id(), 100);

        // As if the cursor had been lost: every batch runs again.
        jdbc.update(
                "update mfa_enforcement_fan_out set status = 'RUNNING', finished_at = null, cursor_user_id = null "
                        + "where event_id = ?",
                event.id());
        Progress replay = newJob(BATCH, Pacer.UNTHROTTLED).run(event.id(), 100);
        republish(event);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "PUBLISHED"
                        .equals(jdbc.queryForObject(
                                "select status from outbox_event where event_id = ?", String.class, event.id())));

        assertThat(replay.status()).isEqualTo(Status.COMPLETED);
        assertThat(noticesQueued(event)).isEqualTo(15);
        assertThat(jdbc.queryForObject(
                        "select count(*) from mfa_enforcement_fan_out where event_id = ?", Integer.class, event.id()))
                .isEqualTo(1);
    }

    @Test
    void ownersGetAConfirmationAndTheChangeIsAudited() throws Exception {
        EventEnvelope event = turnOn(false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> processed("notifications", event) && processed("audit", event));

        deliverAll();

        List<MimeMessage> confirmations = mailTo(owner.email());
        assertThat(confirmations).hasSize(1);
        assertThat(confirmations.get(0).getSubject()).startsWith("Two-factor authentication is now required in");
        assertThat(confirmations.get(0).getContent().toString())
                .contains("Olga Owner turned on the two-factor authentication requirement")
                .contains("15 member(s) without two-factor authentication");
        assertThat(jdbc.queryForObject(
                        "select action from audit_entry where event_id = ? and organization_id = ?",
                        String.class,
                        event.id(),
                        organization))
                .isEqualTo("enforcement.changed");
    }

    @Test
    void turningEnforcementOffCancelsTheUnfinishedFanOut() throws Exception {
        EventEnvelope on = turnOn(false);
        newJob(BATCH, Pacer.UNTHROTTLED).run(on.id(), 1);

        EventEnvelope off = turnOff();
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("enforcement-fan-out", off));

        assertThat(fanOutStatus(on)).isEqualTo("CANCELLED");
        assertThat(newJob(BATCH, Pacer.UNTHROTTLED).run(on.id(), 100).status()).isEqualTo(Status.BUSY);
        assertThat(noticesQueued(on)).isEqualTo(BATCH);
    }

    @Test
    void stopsAtTheNextBatchWhenEnforcementWasTurnedOffBeforeTheEventArrives() throws Exception {
        EventEnvelope on = turnOn(false);
        newJob(BATCH, Pacer.UNTHROTTLED).run(on.id(), 1);
        jdbc.update(
                "update organization set mfa_enforced = false, mfa_enforcement_changed_at = ? where id = ?",
                now().plusSeconds(1),
                organization);

        assertThat(newJob(BATCH, Pacer.UNTHROTTLED).run(on.id(), 100).status()).isEqualTo(Status.CANCELLED);
        assertThat(noticesQueued(on)).isEqualTo(BATCH);
    }

    @Test
    void aLaterOffAndOnCancelsTheEarlierFanOut() throws Exception {
        EventEnvelope first = turnOn(false);
        clock.advance(Duration.ofSeconds(5));
        // Off and on again through the API; the worker has not seen those events yet.
        jdbc.update("update organization set mfa_enforcement_changed_at = ? where id = ?", now(), organization);

        assertThat(newJob(BATCH, Pacer.UNTHROTTLED).run(first.id(), 100).status())
                .isEqualTo(Status.CANCELLED);
        assertThat(noticesQueued(first)).isZero();
    }

    @Test
    void endsTheFullSessionsOfMembersWithoutMfaWhenAsked() throws Exception {
        List<UUID> compliantSessions = withMfa.stream().map(this::session).toList();
        List<UUID> nonCompliantSessions = withoutMfa.stream().map(this::session).toList();
        EventEnvelope event = turnOn(true);

        newJob(BATCH, Pacer.UNTHROTTLED).run(event.id(), 100);

        assertThat(nonCompliantSessions)
                .allSatisfy(id -> assertThat(revoked(id)).isTrue());
        assertThat(compliantSessions).allSatisfy(id -> assertThat(revoked(id)).isFalse());
        assertThat(fanOutRow(event, "sessions_revoked")).isEqualTo(15);
        assertThat(jdbc.queryForObject(
                        "select body from outgoing_email where cause_key = ?",
                        String.class,
                        "enforcement:" + event.id() + ":" + withoutMfa.get(0).id()))
                .contains("signed out everywhere");
    }

    @Test
    void keepsSessionsWhenNotAsked() throws Exception {
        UUID sessionId = session(withoutMfa.get(0));
        EventEnvelope event = turnOn(false);

        newJob(BATCH, Pacer.UNTHROTTLED).run(event.id(), 100);

        assertThat(revoked(sessionId)).isFalse();
    }

    @Test
    void pacesEveryBatch() throws Exception {
        EventEnvelope event = turnOn(false);
        List<Integer> acquired = new ArrayList<>();

        newJob(BATCH, acquired::add).run(event.id(), 100);

        assertThat(acquired)
                .as("15 notices in batches of 4, the last one short")
                .containsExactly(4, 4, 4, 4);
    }

    @Test
    void backgroundRunnerFinishesStartedFanOuts() throws Exception {
        EventEnvelope event = turnOn(false);
        FanOutRunner runner = new FanOutRunner(newJob(BATCH, Pacer.UNTHROTTLED), Duration.ofMillis(100), false);
        runner.start();
        try {
            runner.wakeUp();
            await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(fanOutStatus(event)));
        } finally {
            runner.stop();
        }
        assertThat(noticesQueued(event)).isEqualTo(15);
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    /** What the API does: flag the organization, then announce the change; waits until the fan-out exists. */
    private EventEnvelope turnOn(boolean revokeSessions) {
        jdbc.update(
                "update organization set mfa_enforced = true, revoke_non_compliant_sessions = ?, "
                        + "mfa_enforcement_changed_at = ?, mfa_enforcement_changed_by = ? where id = ?",
                revokeSessions,
                now(),
                owner.id(),
                organization);
        EventEnvelope event = publish(
                new MfaEnforcementChanged(organization, false, true, revokeSessions, owner.id(), "198.51.100.4"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("enforcement-fan-out", event));
        assertThat(fanOutStatus(event)).isEqualTo("RUNNING");
        return event;
    }

    private EventEnvelope turnOff() {
        clock.advance(Duration.ofSeconds(1));
        jdbc.update(
                "update organization set mfa_enforced = false, mfa_enforcement_changed_at = ? where id = ?",
                now(),
                organization);
        return publish(new MfaEnforcementChanged(organization, true, false, false, owner.id(), "198.51.100.4"));
    }

    private FanOutJob newJob(int batchSize, Pacer pacer) {
        return new FanOutJob(
                jdbc,
                new TransactionTemplate(transactionManager),
                outgoing,
                pacer,
                clock,
                batchSize,
                "https://gatekeep.example.test");
    }

    private void deliverAll() {
        while (dispatcher.dispatchDue() > 0) {
            // until nothing is due
        }
    }

    private void enableMfa(Accounts.Person person) {
        jdbc.update("""
                insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext, created_at,
                                            enabled_at)
                values (?, ?, 'test', ?, ?, ?, ?)""", UUID.randomUUID(), person.id(), new byte[12], new byte[36], now(), now());
    }

    private UUID session(Accounts.Person person) {
        UUID id = UUID.randomUUID();
        byte[] tokenHash = new byte[32];
        new SecureRandom().nextBytes(tokenHash);
        jdbc.update(
                "insert into auth_session (id, token_hash, user_id, kind, created_at, expires_at) "
                        + "values (?, ?, ?, 'FULL', ?, ?)",
                id,
                tokenHash,
                person.id(),
                now(),
                now().plusHours(12));
        return id;
    }

    private boolean revoked(UUID sessionId) {
        return jdbc.queryForObject(
                "select revoked_at is not null from auth_session where id = ?", Boolean.class, sessionId);
    }

    private int noticesQueued(EventEnvelope event) {
        return jdbc.queryForObject(
                "select count(*) from outgoing_email where cause_key like ?",
                Integer.class,
                "enforcement:" + event.id() + ":%");
    }

    private String fanOutStatus(EventEnvelope event) {
        return jdbc
                .queryForList("select status from mfa_enforcement_fan_out where event_id = ?", String.class, event.id())
                .stream()
                .findFirst()
                .orElse(null);
    }

    private int fanOutRow(EventEnvelope event, String column) {
        return jdbc.queryForObject(
                "select " + column + " from mfa_enforcement_fan_out where event_id = ?", Integer.class, event.id());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
