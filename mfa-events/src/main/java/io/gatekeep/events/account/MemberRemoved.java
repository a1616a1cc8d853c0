package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A member was removed from an organization. */
public record MemberRemoved(UUID organizationId, UUID userId, String role, UUID actorUserId, String clientIp)
        implements EventPayload {}
