package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A second factor was accepted ({@code method}: {@code TOTP} or {@code RECOVERY_CODE}). */
public record MfaVerificationSucceeded(UUID userId, UUID credentialId, String method, String clientIp)
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
