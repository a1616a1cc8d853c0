package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * A second factor was refused ({@code reason}: {@code INVALID_CODE}, {@code CODE_ALREADY_USED} …; {@code stage}:
 * {@code SIGN_IN}, {@code SETUP} or {@code DISABLE}).
 */
public record MfaVerificationFailed(UUID userId, String reason, String stage, int consecutiveFailures, String clientIp)
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
