package io.gatekeep.outbox;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records domain events in {@code outbox_event} within the caller's JDBC transaction, so that an event exists if and
 * only if the state change it describes was committed. The {@link OutboxRelay} publishes the rows afterwards.
 */
public class JdbcOutboxWriter {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, partition_key, event_type, source, subject, occurred_at,
                                      schema_version, payload, status, next_attempt_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), 'PENDING', ?)
            """;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final Clock clock;
    private final String source;
    private final Runnable afterCommit;

    /**
     * @param afterCommit run once after each transaction that appended events commits (the local relay's wake-up
     *                    call, so that events leave sooner than the next poll)
     */
    public JdbcOutboxWriter(DataSource dataSource, EventCodec codec, Clock clock, String source, Runnable afterCommit) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.codec = codec;
        this.clock = clock;
        this.source = source;
        this.afterCommit = afterCommit;
    }

    /**
     * Appends one event, timestamped now.
     *
     * @return the envelope as it will be published (its id is the event id consumers deduplicate on)
     * @throws IllegalTransactionStateException when no JDBC transaction on this writer's DataSource is active
     */
    public EventEnvelope append(EventPayload payload) {
        return appendAll(List.of(payload)).get(0);
    }

    /** Appends several events in one batch, in list order (so in that order per key on Kafka). */
    public List<EventEnvelope> appendAll(List<? extends EventPayload> payloads) {
        requireTransaction();
        // Postgres keeps microseconds: truncate so that the envelope, the row and ce_time agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<EventEnvelope> envelopes = payloads.stream().map(payload -> codec.envelope(payload, source, now)).toList();
        jdbc.batchUpdate(INSERT, envelopes, envelopes.size(), (statement, envelope) -> {
            OffsetDateTime occurredAt = OffsetDateTime.ofInstant(envelope.time(), ZoneOffset.UTC);
            statement.setObject(1, envelope.id());
            statement.setString(2, envelope.topic().logicalName());
            statement.setString(3, envelope.key());
            statement.setString(4, envelope.type());
            statement.setString(5, envelope.source());
            statement.setString(6, envelope.subject());
            statement.setObject(7, occurredAt);
            statement.setInt(8, envelope.schemaVersion());
            statement.setString(9, envelope.data());
            statement.setObject(10, occurredAt);
        });
        registerWakeUp();
        return envelopes;
    }

    private void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(dataSource)) {
            throw new IllegalTransactionStateException(
                    "An outbox event must be written in the transaction of the state change it describes");
        }
    }

    private void registerWakeUp() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        }
    }
}
