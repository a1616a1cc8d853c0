package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.notNegative;
import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/** Too many consecutive failures: the account's MFA step is locked until {@code lockedUntil}. Names no actor. */
public record MfaLockedOut(UUID userId, Instant lockedUntil, int lockoutCount, String clientIp)
        implements UserEvent, RequestEvent {

    public MfaLockedOut {
        present(userId, "userId");
        present(lockedUntil, "lockedUntil");
        notNegative(lockoutCount, "lockoutCount");
        textOrNull(clientIp, "clientIp");
    }
}
