package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/** A fresh secret and QR code replaced the previous one within the same setup session. */
public record MfaQrRefreshed(UUID userId, UUID setupId, Instant qrExpiresAt, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public MfaQrRefreshed {
        present(userId, "userId");
        present(setupId, "setupId");
        present(qrExpiresAt, "qrExpiresAt");
        textOrNull(clientIp, "clientIp");
    }

    /** The user refreshed their own setup. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
