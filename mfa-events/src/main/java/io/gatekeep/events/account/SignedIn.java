package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A user obtained a full session. {@code method} says how: {@code PASSWORD}, {@code TOTP}, {@code RECOVERY_CODE} … */
public record SignedIn(UUID userId, UUID sessionId, String method, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
