package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/** A setup session passed its 3-minute limit without being completed. */
public record MfaSetupExpired(UUID userId, UUID setupId, Instant expiredAt) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return null;
    }

    @Override
    public String clientIp() {
        return null;
    }
}
