package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/** A fresh secret and QR code replaced the previous one within the same setup session. */
public record MfaQrRefreshed(UUID userId, UUID setupId, Instant qrExpiresAt, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
