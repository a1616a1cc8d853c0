package io.gatekeep.messaging.consuming;

import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import io.gatekeep.events.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a CloudEvents binary-mode record back into an envelope and payload.
 *
 * @throws MalformedEventException for a missing or invalid attribute or payload, or a schema version this service
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
        int schemaVersion = parse(
                record, CloudEventHeaders.SCHEMA_VERSION, Integer::valueOf, String.valueOf(eventType.schemaVersion()));
        if (schemaVersion != eventType.schemaVersion()) {
            throw new MalformedEventException("Unsupported schema version " + schemaVersion + " of " + type, null);
        }
        if (record.key() == null || record.value() == null) {
            throw new MalformedEventException("Record without key or value", null);
        }
        String data = new String(record.value(), StandardCharsets.UTF_8);
        EventEnvelope envelope = new EventEnvelope(
                parse(record, CloudEventHeaders.ID, UUID::fromString, null),
                required(record, CloudEventHeaders.SOURCE),
                type,
                parse(record, CloudEventHeaders.TIME, RecordDecoder::parseTime, null),
                header(record, CloudEventHeaders.SUBJECT),
                schemaVersion,
                eventType.topic(),
                new String(record.key(), StandardCharsets.UTF_8),
                data);
        EventPayload payload = codec.read(type, data);
        return new ReceivedEvent(envelope, eventType, payload);
    }

    /**
     * {@code ce_time} as the outbox relay writes it ({@code 2026-01-05T09:00:00.123456Z}), read without the general
     * ISO formatter: {@link Instant#parse} cost more than the rest of decoding a record (JSON included) in the event
     * pipeline benchmark. Any other form, valid or not, goes to {@link Instant#parse}, so the result is the same.
     */
    static Instant parseTime(String text) {
        int length = text.length();
        if (length >= 20
                && length <= 30
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z'
                && (length == 20 || text.charAt(19) == '.' && length > 21)) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fraction = length == 20 ? 0 : digits(text, 20, length - 1);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && fraction >= 0) {
                int nanos = fraction;
                for (int scale = length - 21; scale < 9 && length > 20; scale++) {
                    nanos *= 10;
                }
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                            .toInstant(ZoneOffset.UTC);
                } catch (DateTimeException e) {
                    // e.g. a leap second: let the general parser decide
                }
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in {@code text[from, to)}, or -1 unless all of it is ASCII digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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

    private static <T> T parse(
            ConsumerRecord<?, ?> record, String name, java.util.function.Function<String, T> parser, String fallback) {
        String value = fallback == null ? required(record, name) : header(record, name);
        try {
            return parser.apply(value == null ? fallback : value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Invalid header " + name, e);
        }
    }
}
