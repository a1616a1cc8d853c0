package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A member left an organization of their own accord. */
public record MemberLeft(UUID organizationId, UUID userId, String role, String clientIp) implements EventPayload {

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
