package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A user ended a session. */
public record SignedOut(UUID userId, UUID sessionId, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
