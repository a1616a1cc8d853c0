package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * A signed-in session passed its second factor again ({@code POST /api/v1/auth/step-up}): sensitive actions are open
 * to it for the step-up window. {@code method}: {@code TOTP} or {@code RECOVERY_CODE}.
 */
public record StepUpSucceeded(UUID userId, UUID sessionId, String method, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
