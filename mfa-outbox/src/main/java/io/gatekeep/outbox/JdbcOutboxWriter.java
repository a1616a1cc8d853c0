package io.gatekeep.outbox;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
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

    /** One statement for any number of events; {@code ordinality} keeps their list order in {@code seq}. */
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, partition_key, event_type, source, subject, occurred_at,
                                      schema_version, payload, status, next_attempt_at)
            select e.event_id, e.topic, e.partition_key, e.event_type, e.source, e.subject, ?, e.schema_version,
                   cast(e.payload as jsonb), 'PENDING', ?
            from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                        cast(? as text[]), cast(? as int[]), cast(? as text[])) with ordinality
                     as e (event_id, topic, partition_key, event_type, source, subject, schema_version, payload, n)
            order by e.n
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
        List<EventEnvelope> envelopes = payloads.stream()
                .map(payload -> codec.envelope(payload, source, now))
                .toList();
        OffsetDateTime occurredAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            statement.setObject(1, occurredAt);
            statement.setObject(2, occurredAt);
            statement.setArray(3, connection.createArrayOf("uuid", column(envelopes, EventEnvelope::id)));
            statement.setArray(
                    4,
                    connection.createArrayOf(
                            "text", column(envelopes, e -> e.topic().logicalName())));
            statement.setArray(5, connection.createArrayOf("text", column(envelopes, EventEnvelope::key)));
            statement.setArray(6, connection.createArrayOf("text", column(envelopes, EventEnvelope::type)));
            statement.setArray(7, connection.createArrayOf("text", column(envelopes, EventEnvelope::source)));
            statement.setArray(8, connection.createArrayOf("text", column(envelopes, EventEnvelope::subject)));
            statement.setArray(9, connection.createArrayOf("int4", column(envelopes, EventEnvelope::schemaVersion)));
            statement.setArray(10, connection.createArrayOf("text", column(envelopes, EventEnvelope::data)));
            return statement;
        });
        registerWakeUp();
        return envelopes;
    }

    private static Object[] column(List<EventEnvelope> envelopes, Function<EventEnvelope, Object> value) {
        return envelopes.stream().map(value).toArray();
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
