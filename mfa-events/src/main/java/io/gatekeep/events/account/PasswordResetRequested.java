package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A password reset link was asked for an active account. The worker creates the one-time token, stores its hash on
 * the reset {@code resetId} and emails the link; the token is never in an event. Anyone may ask: it names no actor.
 */
public record PasswordResetRequested(UUID userId, UUID resetId, Instant expiresAt, String clientIp)
        implements UserEvent, RequestEvent {

    public PasswordResetRequested {
        present(userId, "userId");
        present(resetId, "resetId");
        present(expiresAt, "expiresAt");
        textOrNull(clientIp, "clientIp");
    }
}
