package io.gatekeep.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns payload records into envelopes and JSON, and back. Unknown JSON fields are ignored so that consumers keep
 * working when a producer adds a field.
 */
public final class EventCodec {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Wraps a payload in a new envelope with a fresh random id. */
    public EventEnvelope envelope(EventPayload payload, String source, Instant time) {
        EventType type = EventType.ofPayload(payload);
        return new EventEnvelope(
                UUID.randomUUID(),
                source,
                type.type(),
                time,
                subjectOf(payload),
                type.schemaVersion(),
                type.topic(),
                payload.partitionKey(),
                toJson(payload));
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new MalformedEventException(
                    "Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads the payload of an envelope as the record its type names. */
    public EventPayload payload(EventEnvelope envelope) {
        return read(envelope.type(), envelope.data());
    }

    /**
     * Reads a payload.
     *
     * @throws UnknownEventTypeException for a type not in the catalogue
     * @throws MalformedEventException   when the JSON does not fit the payload record
     */
    public EventPayload read(String type, String data) {
        EventType eventType = EventType.ofType(type);
        try {
            EventPayload payload = json.readValue(data, eventType.payloadType());
            if (payload == null) {
                throw new MalformedEventException("Empty payload for " + type, null);
            }
            return payload;
        } catch (JacksonException e) {
            throw new MalformedEventException("Malformed payload for " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The user the event is about, else its organization, else none. */
    private static String subjectOf(EventPayload payload) {
        if (payload instanceof UserEvent event && event.userId() != null) {
            return "user/" + event.userId();
        }
        if (payload instanceof OrganizationEvent event && event.organizationId() != null) {
            return "organization/" + event.organizationId();
        }
        return null;
    }
}
