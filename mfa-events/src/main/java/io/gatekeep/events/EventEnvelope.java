package io.gatekeep.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event as it travels through the outbox and Kafka (binary content mode: attributes in headers, the
 * JSON payload as the record value).
 *
 * @param id            CloudEvents {@code id}: unique per event, the consumers' idempotency key
 * @param source        CloudEvents {@code source}: the producing service, e.g. {@code /gatekeep/mfa-api}
 * @param type          CloudEvents {@code type}, see {@link EventType}
 * @param time          CloudEvents {@code time}: when the state change happened
 * @param subject       CloudEvents {@code subject}: the entity the event is about (e.g. {@code user/{id}})
 * @param schemaVersion version of the payload schema ({@code schemaversion} extension attribute)
 * @param topic         logical topic
 * @param key           record key
 * @param data          JSON payload
 */
public record EventEnvelope(
        UUID id,
        String source,
        String type,
        Instant time,
        String subject,
        int schemaVersion,
        Topic topic,
        String key,
        String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }
}
