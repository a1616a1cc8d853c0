package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/**
 * A password reset link was asked for an active account. The worker creates the one-time token, stores its hash on
 * the reset {@code resetId} and emails the link; the token is never in an event.
 */
public record PasswordResetRequested(UUID userId, UUID resetId, Instant expiresAt, String clientIp)
        implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return null;
    }
}
