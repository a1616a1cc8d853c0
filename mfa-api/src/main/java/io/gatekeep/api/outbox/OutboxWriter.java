package io.gatekeep.api.outbox;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import java.time.Clock;
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

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, partition_key, event_type, source, subject, occurred_at,
                                      schema_version, payload, status, next_attempt_at)
            values (:eventId, :topic, :partitionKey, :eventType, :source, :subject, :occurredAt,
                    :schemaVersion, cast(:payload as jsonb), 'PENDING', :nextAttemptAt)
            """;

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
        return requireTransaction().then(Mono.defer(() -> insert(codec.envelope(payload, source, clock.instant()))));
    }

    private Mono<EventEnvelope> insert(EventEnvelope envelope) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(INSERT)
                .bind("eventId", envelope.id())
                .bind("topic", envelope.topic().logicalName())
                .bind("partitionKey", envelope.key())
                .bind("eventType", envelope.type())
                .bind("source", envelope.source())
                .bind("occurredAt", envelope.time())
                .bind("schemaVersion", envelope.schemaVersion())
                .bind("payload", envelope.data())
                .bind("nextAttemptAt", envelope.time());
        spec = envelope.subject() == null ? spec.bindNull("subject", String.class)
                : spec.bind("subject", envelope.subject());
        return spec.fetch().rowsUpdated().thenReturn(envelope);
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
