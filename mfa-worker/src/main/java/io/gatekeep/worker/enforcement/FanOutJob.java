package io.gatekeep.worker.enforcement;

import io.gatekeep.worker.mail.OutgoingEmails;
import java.sql.Array;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs enforcement fan-outs ({@code mfa_enforcement_fan_out} rows) batch by batch. One batch is one transaction:
 * lock the fan-out row ({@code SKIP LOCKED}, so instances never work on the same batch), stop if the organization no
 * longer enforces MFA or changed it since, take the next members without MFA after the cursor (keyset over the
 * membership primary key), queue one notice each (cause {@code enforcement:<event id>:<user id>}), optionally end
 * their FULL sessions, and advance the cursor. A worker killed anywhere resumes after the last committed batch, and
 * the unique cause key makes even a replayed batch harmless. Only ACTIVE members are told: invited ones meet the
 * requirement when they first sign in. The pace is set by the {@link Pacer}, taken outside the transaction.
 */
class FanOutJob {

    private static final Logger log = LoggerFactory.getLogger(FanOutJob.class);
    static final String CAUSE = "enforcement";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OutgoingEmails emails;
    private final Pacer pacer;
    private final Clock clock;
    private final int batchSize;
    private final String baseUrl;

    FanOutJob(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            OutgoingEmails emails,
            Pacer pacer,
            Clock clock,
            int batchSize,
            String baseUrl) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.emails = emails;
        this.pacer = pacer;
        this.clock = clock;
        this.batchSize = batchSize;
        this.baseUrl = baseUrl;
    }

    enum Status {
        RUNNING,
        COMPLETED,
        CANCELLED,
        BUSY
    }

    /** Where one fan-out stands after a batch; {@code BUSY}: another instance holds it (or it is gone). */
    record Progress(Status status, int notified) {}

    private record FanOut(
            UUID eventId,
            UUID organizationId,
            String organization,
            boolean revokeSessions,
            UUID cursor,
            boolean stillEnforced) {}

    private record Recipient(UUID userId, String email, String displayName) {}

    /** The unfinished fan-outs, oldest first. */
    List<UUID> running() {
        return jdbc.queryForList(
                "select event_id from mfa_enforcement_fan_out where status = 'RUNNING' "
                        + "order by created_at, event_id",
                UUID.class);
    }

    /**
     * Runs batches of every unfinished fan-out, at most {@code maxBatches} in all, while {@code keepGoing} holds.
     *
     * @return the batches run
     */
    int runAll(int maxBatches, BooleanSupplier keepGoing) throws InterruptedException {
        int batches = 0;
        for (UUID eventId : running()) {
            Progress progress = new Progress(Status.RUNNING, 0);
            while (progress.status() == Status.RUNNING && batches < maxBatches && keepGoing.getAsBoolean()) {
                progress = runBatch(eventId);
                batches++;
            }
        }
        return batches;
    }

    /** Runs at most {@code maxBatches} batches of one fan-out. */
    Progress run(UUID eventId, int maxBatches) throws InterruptedException {
        Progress progress = new Progress(Status.RUNNING, 0);
        for (int i = 0; i < maxBatches && progress.status() == Status.RUNNING; i++) {
            progress = runBatch(eventId);
        }
        return progress;
    }

    Progress runBatch(UUID eventId) throws InterruptedException {
        pacer.acquire(batchSize);
        return transaction.execute(status -> batch(eventId));
    }

    private Progress batch(UUID eventId) {
        List<FanOut> locked = jdbc.query(
                """
                select f.event_id, f.organization_id, o.name, f.revoke_sessions, f.cursor_user_id,
                       o.mfa_enforced and (o.mfa_enforcement_changed_at is null
                                           or o.mfa_enforcement_changed_at <= f.enforced_at) as still_enforced
                from mfa_enforcement_fan_out f join organization o on o.id = f.organization_id
                where f.event_id = ? and f.status = 'RUNNING'
                for update of f skip locked
                """,
                (row, i) -> new FanOut(
                        row.getObject(1, UUID.class),
                        row.getObject(2, UUID.class),
                        row.getString(3),
                        row.getBoolean(4),
                        row.getObject(5, UUID.class),
                        row.getBoolean(6)),
                eventId);
        if (locked.isEmpty()) {
            return new Progress(Status.BUSY, 0);
        }
        FanOut fanOut = locked.get(0);
        if (!fanOut.stillEnforced()) {
            log.info("Enforcement fan-out {} cancelled: the organization changed its enforcement since", eventId);
            finish(eventId, Status.CANCELLED);
            return new Progress(Status.CANCELLED, 0);
        }
        List<Recipient> recipients = nextRecipients(fanOut);
        int notified = 0;
        for (Recipient recipient : recipients) {
            if (emails.enqueue(
                    CAUSE + ":" + eventId + ":" + recipient.userId(),
                    recipient.email(),
                    EnforcementNotices.noticeSubject(fanOut.organization()),
                    EnforcementNotices.noticeBody(
                            recipient.displayName(), fanOut.organization(), fanOut.revokeSessions(), baseUrl))) {
                notified++;
            }
        }
        int revoked = fanOut.revokeSessions() && !recipients.isEmpty() ? revokeSessions(recipients) : 0;
        boolean last = recipients.size() < batchSize;
        UUID cursor = recipients.isEmpty()
                ? fanOut.cursor()
                : recipients.get(recipients.size() - 1).userId();
        jdbc.update(
                """
                update mfa_enforcement_fan_out
                set cursor_user_id = ?, notified = notified + ?, sessions_revoked = sessions_revoked + ?,
                    updated_at = ?, status = ?, finished_at = ?
                where event_id = ?""",
                cursor,
                notified,
                revoked,
                now(),
                last ? Status.COMPLETED.name() : Status.RUNNING.name(),
                last ? now() : null,
                eventId);
        if (last) {
            log.info("Enforcement fan-out {} completed", eventId);
        }
        return new Progress(last ? Status.COMPLETED : Status.RUNNING, notified);
    }

    private List<Recipient> nextRecipients(FanOut fanOut) {
        return jdbc.query(
                """
                select m.user_id, u.email, u.display_name
                from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and m.user_id > ? and u.status = 'ACTIVE'
                  and not exists (select 1 from mfa_credential c where c.user_id = m.user_id and c.revoked_at is null)
                order by m.user_id
                limit ?
                """,
                (row, i) -> new Recipient(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                fanOut.organizationId(),
                fanOut.cursor() == null ? new UUID(0, 0) : fanOut.cursor(),
                batchSize);
    }

    private int revokeSessions(List<Recipient> recipients) {
        UUID[] ids = recipients.stream().map(Recipient::userId).toArray(UUID[]::new);
        return jdbc.execute((java.sql.Connection connection) -> {
            Array array = connection.createArrayOf("uuid", ids);
            try (var statement = connection.prepareStatement("""
                    update auth_session set revoked_at = ?
                    where user_id = any(?) and kind = 'FULL' and revoked_at is null""")) {
                statement.setObject(1, now());
                statement.setArray(2, array);
                return statement.executeUpdate();
            } finally {
                array.free();
            }
        });
    }

    private void finish(UUID eventId, Status status) {
        jdbc.update(
                "update mfa_enforcement_fan_out set status = ?, updated_at = ?, finished_at = ? "
                        + "where event_id = ?",
                status.name(),
                now(),
                now(),
                eventId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
