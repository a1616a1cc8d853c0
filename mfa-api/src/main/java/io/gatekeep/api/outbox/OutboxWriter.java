package io.gatekeep.api.outbox;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Appends domain events to {@code outbox_event}. It must run inside the R2DBC transaction of the state change it
 * records (so a rolled-back change leaves no event); it refuses to run outside one.
 */
@Component
public class OutboxWriter {

    private static final String INSERT_INTO = """
            insert into outbox_event (event_id, topic, partition_key, event_type, source, subject, occurred_at,
                                      schema_version, payload, status, next_attempt_at)
            values """;
    /** One row's values; {@code #} stands for the row's index in the statement. */
    private static final String ROW = """
            (:eventId#, :topic#, :partitionKey#, :eventType#, :source#, :subject#, :occurredAt#,
             :schemaVersion#, cast(:payload# as jsonb), 'PENDING', :nextAttemptAt#)""";
    /** Statements for 1 to 4 rows, built once (a sign-in writes two or four events). */
    private static final List<String> INSERTS = IntStream.rangeClosed(1, 4).mapToObj(OutboxWriter::insertOf).toList();

    private final DatabaseClient db;
    private final Clock clock;
    private final String source;
    private final EventCodec codec = new EventCodec();

    OutboxWriter(DatabaseClient db, Clock clock,
                 @Value("${gatekeep.events.source:/gatekeep/mfa-api}") String source) {
        this.db = db;
        this.clock = clock;
        this.source = source;
    }

    /**
     * Records {@code payload} as a new event occurring now.
     *
     * @return the envelope written (its id is the event id)
     * @throws IllegalStateException (as an error signal) when no R2DBC transaction is active
     */
    public Mono<EventEnvelope> append(EventPayload payload) {
        return appendAll(List.of(payload)).map(envelopes -> envelopes.get(0));
    }

    /**
     * Records {@code payloads} as new events occurring now, in this order, with one multi-row insert (one round
     * trip, where the sign-in used to spend one per event).
     *
     * @return the envelopes written, in order
     * @throws IllegalStateException (as an error signal) when no R2DBC transaction is active
     */
    public Mono<List<EventEnvelope>> appendAll(List<? extends EventPayload> payloads) {
        if (payloads.isEmpty()) {
            return Mono.just(List.of());
        }
        return requireTransaction().then(Mono.defer(() -> {
            Instant now = clock.instant();
            return insert(payloads.stream().map(payload -> codec.envelope(payload, source, now)).toList());
        }));
    }

    private Mono<List<EventEnvelope>> insert(List<EventEnvelope> envelopes) {
        int rows = envelopes.size();
        DatabaseClient.GenericExecuteSpec spec = db.sql(rows <= INSERTS.size() ? INSERTS.get(rows - 1)
                : insertOf(rows));
        for (int i = 0; i < rows; i++) {
            EventEnvelope envelope = envelopes.get(i);
            spec = spec.bind("eventId" + i, envelope.id())
                    .bind("topic" + i, envelope.topic().logicalName())
                    .bind("partitionKey" + i, envelope.key())
                    .bind("eventType" + i, envelope.type())
                    .bind("source" + i, envelope.source())
                    .bind("occurredAt" + i, envelope.time())
                    .bind("schemaVersion" + i, envelope.schemaVersion())
                    .bind("payload" + i, envelope.data())
                    .bind("nextAttemptAt" + i, envelope.time());
            spec = envelope.subject() == null ? spec.bindNull("subject" + i, String.class)
                    : spec.bind("subject" + i, envelope.subject());
        }
        return spec.fetch().rowsUpdated().thenReturn(envelopes);
    }

    private static String insertOf(int rows) {
        return INSERT_INTO + IntStream.range(0, rows).mapToObj(i -> ROW.replace("#", String.valueOf(i)))
                .collect(Collectors.joining(",\n"));
    }

    private static Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("OutboxWriter needs an active transaction")))
                .onErrorMap(e -> !(e instanceof IllegalStateException),
                        e -> new IllegalStateException("OutboxWriter needs an active transaction", e))
                .then();
    }
}
