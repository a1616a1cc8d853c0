package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/** Too many consecutive failures: the account's MFA step is locked until {@code lockedUntil}. */
public record MfaLockedOut(UUID userId, Instant lockedUntil, int lockoutCount, String clientIp)
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
