package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.Set;
import java.util.UUID;

/** A member's role or explicit permissions changed. */
public record MemberUpdated(
        UUID organizationId,
        UUID userId,
        String oldRole,
        String newRole,
        Set<String> oldPermissions,
        Set<String> newPermissions,
        UUID actorUserId,
        String clientIp)
        implements EventPayload {}
