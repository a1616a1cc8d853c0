package io.gatekeep.api.outbox;

import io.gatekeep.credentials.Guard;
import io.gatekeep.credentials.GuardedInsert;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.r2dbc.spi.Parameters;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Appends domain events to {@code outbox_event}. It must run inside the R2DBC transaction of the state change it
 * records (so a rolled-back change leaves no event); it refuses to run outside one. A state change made by a single
 * statement can instead carry its events in that statement ({@link #insertWhere}), which is atomic on its own.
 */
@Component
public class OutboxWriter {

    private static final String INSERT_INTO_COLUMNS = """
            insert into outbox_event (event_id, topic, partition_key, event_type, source, subject, occurred_at,
                                      schema_version, payload, status, next_attempt_at)""";
    /** One row's values; {@code #} stands for the row's index in the statement. */
    private static final String ROW = """
            (:outboxEventId#, :outboxTopic#, :outboxPartitionKey#, :outboxEventType#, :outboxSource#,
             :outboxSubject#, :outboxOccurredAt#, :outboxSchemaVersion#, cast(:outboxPayload# as jsonb),
             'PENDING', :outboxNextAttemptAt#)""";
    /** The values of 1 to 4 rows, built once (a sign-in writes two or four events). */
    private static final List<String> ROWS =
            IntStream.rangeClosed(1, 4).mapToObj(OutboxWriter::buildRows).toList();

    private static final List<String> INSERTS =
            ROWS.stream().map(rows -> INSERT_INTO_COLUMNS + "\nvalues " + rows).toList();

    private final DatabaseClient db;
    private final Clock clock;
    private final String source;
    private final EventCodec codec = new EventCodec();

    public OutboxWriter(
            DatabaseClient db, Clock clock, @Value("${gatekeep.events.source:/gatekeep/mfa-api}") String source) {
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
        return requireTransaction().then(Mono.defer(() -> insert(envelopes(payloads))));
    }

    /**
     * The rows for {@code payloads} as part of a larger statement that needs no transaction of its own: an
     * {@code insert ... select} of the events, guarded by {@code guard} (defined by the statement that carries it), so
     * the events are written exactly when the state change beside them is. Parameter names start with
     * {@code outbox}.
     */
    public GuardedEvents insertWhere(List<? extends EventPayload> payloads, Guard guard) {
        List<EventEnvelope> envelopes = envelopes(payloads);
        String sql = INSERT_INTO_COLUMNS + "\nselect * from (values " + rows(envelopes.size()) + ") as e where "
                + guard.sql();
        return new GuardedEvents(envelopes, new GuardedInsert(sql, parameters(envelopes)));
    }

    /** An outbox insert to embed in another statement, with the envelopes it writes. */
    public record GuardedEvents(List<EventEnvelope> envelopes, GuardedInsert insert) {}

    private List<EventEnvelope> envelopes(List<? extends EventPayload> payloads) {
        Instant now = clock.instant();
        return payloads.stream()
                .map(payload -> codec.envelope(payload, source, now))
                .toList();
    }

    private Mono<List<EventEnvelope>> insert(List<EventEnvelope> envelopes) {
        int rows = envelopes.size();
        String sql = rows <= INSERTS.size() ? INSERTS.get(rows - 1) : INSERT_INTO_COLUMNS + "\nvalues " + rows(rows);
        return db.sql(sql)
                .bindValues(parameters(envelopes))
                .fetch()
                .rowsUpdated()
                .thenReturn(envelopes);
    }

    /** One map for the whole statement: chained {@code bind} calls copy the bindings made so far on every call. */
    private static Map<String, Object> parameters(List<EventEnvelope> envelopes) {
        Map<String, Object> parameters = new HashMap<>(envelopes.size() * 14);
        for (int i = 0; i < envelopes.size(); i++) {
            EventEnvelope envelope = envelopes.get(i);
            parameters.put("outboxEventId" + i, envelope.id());
            parameters.put("outboxTopic" + i, envelope.topic().logicalName());
            parameters.put("outboxPartitionKey" + i, envelope.key());
            parameters.put("outboxEventType" + i, envelope.type());
            parameters.put("outboxSource" + i, envelope.source());
            parameters.put(
                    "outboxSubject" + i, envelope.subject() == null ? Parameters.in(String.class) : envelope.subject());
            parameters.put("outboxOccurredAt" + i, envelope.time());
            parameters.put("outboxSchemaVersion" + i, envelope.schemaVersion());
            parameters.put("outboxPayload" + i, envelope.data());
            parameters.put("outboxNextAttemptAt" + i, envelope.time());
        }
        return parameters;
    }

    private static String rows(int rows) {
        return rows <= ROWS.size() ? ROWS.get(rows - 1) : buildRows(rows);
    }

    private static String buildRows(int rows) {
        return IntStream.range(0, rows)
                .mapToObj(i -> ROW.replace("#", String.valueOf(i)))
                .collect(Collectors.joining(",\n"));
    }

    private static Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("OutboxWriter needs an active transaction")))
                .onErrorMap(
                        e -> !(e instanceof IllegalStateException),
                        e -> new IllegalStateException("OutboxWriter needs an active transaction", e))
                .then();
    }
}
