package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;

import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/** A setup session passed its 3-minute limit without being completed. Nobody caused it. */
public record MfaSetupExpired(UUID userId, UUID setupId, Instant expiredAt) implements UserEvent {

    public MfaSetupExpired {
        present(userId, "userId");
        present(setupId, "setupId");
        present(expiredAt, "expiredAt");
    }
}
