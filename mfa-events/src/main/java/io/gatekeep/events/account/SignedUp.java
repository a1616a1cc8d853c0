package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A new organization was created together with its first owner. */
public record SignedUp(
        UUID organizationId, String organizationName, UUID userId, String email, String displayName, String clientIp)
        implements EventPayload {

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
