package io.gatekeep.outbox.blocked;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An outbox row the relay set aside as unpublishable, as an operator sees it: never its payload (events carry no
 * secrets, but they do carry people's addresses and client IPs).
 *
 * @param seq        the row's place in the outbox
 * @param eventId    the CloudEvents id, as the relay's log names it
 * @param type       the event type ({@code io.gatekeep.…})
 * @param topic      the logical topic
 * @param key        the Kafka key: the user, organization or ticket the event is about
 * @param attempts   tries so far, the last of which set it aside
 * @param lastError  why Kafka would not take it
 * @param occurredAt when the event was committed
 * @param age        how long ago that was (ISO-8601, e.g. {@code PT26H5M})
 */
public record BlockedEvent(
        long seq,
        UUID eventId,
        String type,
        String topic,
        String key,
        int attempts,
        String lastError,
        Instant occurredAt,
        String age) {

    static BlockedEvent of(
            long seq,
            UUID eventId,
            String type,
            String topic,
            String key,
            int attempts,
            String lastError,
            Instant occurredAt,
            Instant now) {
        Duration age = Duration.between(occurredAt, now).truncatedTo(ChronoUnit.SECONDS);
        return new BlockedEvent(seq, eventId, type, topic, key, attempts, lastError, occurredAt, age.toString());
    }
}
