package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * An existing user was added to an organization directly. No longer emitted (memberships are made only by accepting an
 * invitation); kept so that records written before can still be read.
 */
public record MemberAdded(
        UUID organizationId, UUID userId, String email, String role, UUID actorUserId, String clientIp)
        implements EventPayload {}
