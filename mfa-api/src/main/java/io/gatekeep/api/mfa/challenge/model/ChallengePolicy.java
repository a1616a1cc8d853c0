package io.gatekeep.api.mfa.challenge.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The MFA challenge issued by a password sign-in: valid {@code validity} from its issue (5 minutes by default), usable
 * only for {@code POST /auth/mfa}.
 */
public record ChallengePolicy(Duration validity) {

    public static ChallengePolicy defaults() {
        return new ChallengePolicy(Duration.ofMinutes(5));
    }

    public Instant expiresAt(Instant issuedAt) {
        return issuedAt.plus(validity);
    }

    /** Expired at or after {@code expiresAt}; a revoked challenge is expired whatever its age. */
    public static boolean isExpired(Instant expiresAt, Instant revokedAt, Instant now) {
        return revokedAt != null || !now.isBefore(expiresAt);
    }
}
