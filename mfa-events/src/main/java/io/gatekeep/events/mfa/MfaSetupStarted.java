package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/** A user started an MFA setup session (the secret itself never leaves the API's setup response). */
public record MfaSetupStarted(UUID userId, UUID setupId, Instant qrExpiresAt, Instant setupExpiresAt, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public MfaSetupStarted {
        present(userId, "userId");
        present(setupId, "setupId");
        present(qrExpiresAt, "qrExpiresAt");
        present(setupExpiresAt, "setupExpiresAt");
        textOrNull(clientIp, "clientIp");
    }

    /** The user started their own setup. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
