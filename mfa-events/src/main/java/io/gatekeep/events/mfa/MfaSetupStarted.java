package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/** A user started an MFA setup session (the secret itself never leaves the API's setup response). */
public record MfaSetupStarted(UUID userId, UUID setupId, Instant qrExpiresAt, Instant setupExpiresAt, String clientIp)
        implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
