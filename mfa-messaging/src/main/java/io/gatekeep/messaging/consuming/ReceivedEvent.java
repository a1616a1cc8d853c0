package io.gatekeep.messaging.consuming;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import java.util.UUID;

/**
 * An event as a handler sees it: the envelope (attributes and raw JSON) and the decoded payload.
 *
 * @param envelope the CloudEvents envelope read from the record
 * @param type     the catalogue entry of its type
 * @param payload  the decoded payload record
 */
public record ReceivedEvent(EventEnvelope envelope, EventType type, EventPayload payload) {

    public UUID id() {
        return envelope.id();
    }

    public <P extends EventPayload> P payload(Class<P> payloadType) {
        return payloadType.cast(payload);
    }
}
