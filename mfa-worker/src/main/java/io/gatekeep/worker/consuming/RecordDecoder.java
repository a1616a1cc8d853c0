package io.gatekeep.worker.consuming;

import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import io.gatekeep.events.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a CloudEvents binary-mode record back into an envelope and payload.
 *
 * @throws MalformedEventException for a missing or invalid attribute or payload, or a schema version this worker
 *                                 does not know (all poison: retrying cannot help)
 * @throws io.gatekeep.events.UnknownEventTypeException for a type not in the catalogue
 */
final class RecordDecoder {

    private final EventCodec codec;

    RecordDecoder(EventCodec codec) {
        this.codec = codec;
    }

    ReceivedEvent decode(ConsumerRecord<byte[], byte[]> record) {
        String type = required(record, CloudEventHeaders.TYPE);
        EventType eventType = EventType.ofType(type);
        int schemaVersion = parse(record, CloudEventHeaders.SCHEMA_VERSION, Integer::valueOf,
                String.valueOf(eventType.schemaVersion()));
        if (schemaVersion != eventType.schemaVersion()) {
            throw new MalformedEventException("Unsupported schema version " + schemaVersion + " of " + type, null);
        }
        if (record.key() == null || record.value() == null) {
            throw new MalformedEventException("Record without key or value", null);
        }
        String data = new String(record.value(), StandardCharsets.UTF_8);
        EventEnvelope envelope = new EventEnvelope(
                parse(record, CloudEventHeaders.ID, UUID::fromString, null),
                required(record, CloudEventHeaders.SOURCE), type,
                parse(record, CloudEventHeaders.TIME, Instant::parse, null),
                header(record, CloudEventHeaders.SUBJECT), schemaVersion, eventType.topic(),
                new String(record.key(), StandardCharsets.UTF_8), data);
        EventPayload payload = codec.read(type, data);
        return new ReceivedEvent(envelope, eventType, payload);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(ConsumerRecord<?, ?> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Missing header " + name, null);
        }
        return value;
    }

    private static <T> T parse(ConsumerRecord<?, ?> record, String name, java.util.function.Function<String, T> parser,
                               String fallback) {
        String value = fallback == null ? required(record, name) : header(record, name);
        try {
            return parser.apply(value == null ? fallback : value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Invalid header " + name, e);
        }
    }
}
