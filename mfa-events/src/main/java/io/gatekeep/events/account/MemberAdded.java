package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** An existing user was added to an organization directly (and is notified by email). */
public record MemberAdded(UUID organizationId, UUID userId, String email, String role, UUID actorUserId,
                          String clientIp) implements EventPayload {
}
