package io.gatekeep.worker.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way to send an email: queue it in {@code outgoing_email}, in the caller's transaction, keyed by its cause
 * (e.g. {@code invitation:<id>}). A cause gets one email however often it is queued; the {@link EmailDispatcher}
 * delivers it.
 */
@Component
public class OutgoingEmails {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final EmailDispatcher dispatcher;

    OutgoingEmails(JdbcTemplate jdbc, Clock clock, EmailDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /**
     * Queues an email unless one was already queued for this cause.
     *
     * @param causeKey  what the email is about, unique per email (e.g. {@code member-joined:<event id>})
     * @param recipient the address
     * @param subject   the subject line
     * @param body      the plain-text body; may hold a one-time secret, which is erased once the email is sent
     * @return whether it was queued now (false: this cause already has its email)
     */
    public boolean enqueue(String causeKey, String recipient, String subject, String body) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int inserted = jdbc.update("""
                insert into outgoing_email (id, cause_key, recipient, subject, body, status, attempts, next_attempt_at,
                                            created_at)
                values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                on conflict (cause_key) do nothing
                """, UUID.randomUUID(), causeKey, recipient, subject, body, now, now);
        if (inserted > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
        return inserted > 0;
    }
}
