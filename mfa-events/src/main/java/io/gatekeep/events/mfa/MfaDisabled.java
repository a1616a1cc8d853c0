package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * MFA was turned off on an account ({@code reason}: {@code USER_REQUEST}, {@code RECOVERY_CODE} or
 * {@code SUPPORT_RESET}; {@code ticketId} set for a support reset).
 */
public record MfaDisabled(
        UUID userId, UUID credentialId, String reason, UUID actorUserId, UUID ticketId, String clientIp)
        implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }
}
