package io.gatekeep.outbox;

import java.time.Instant;
import java.util.UUID;

/** One {@code outbox_event} row as the relay reads it. */
record OutboxRow(
        long seq,
        UUID eventId,
        String topic,
        String partitionKey,
        String eventType,
        String source,
        String subject,
        Instant occurredAt,
        int schemaVersion,
        String payload,
        int attempts,
        Instant nextAttemptAt) {

    boolean isDue(Instant now) {
        return !nextAttemptAt.isAfter(now);
    }
}
