package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/**
 * A person without an account was invited to an organization. The invitation token is not here: the worker creates it
 * when it writes the invitation email.
 */
public record MemberInvited(UUID organizationId, UUID userId, UUID invitationId, String email, String displayName,
                            String role, Instant expiresAt, UUID actorUserId, String clientIp) implements EventPayload {
}
