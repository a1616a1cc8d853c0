package io.gatekeep.api.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Every way a sign-in step can end. Expected rejections are values; the web layer maps each to its response in
 * {@link SignInResponse#from(SignInOutcome)}.
 */
public sealed interface SignInOutcome {

    /** A full session was issued. */
    record Authenticated(UUID userId, IssuedSession session) implements SignInOutcome {}

    /** The password was right and the user has MFA: a challenge token for {@code POST /api/v1/auth/mfa}. */
    record MfaRequired(UUID userId, String challengeToken, Instant expiresAt) implements SignInOutcome {
        @Override
        public String toString() {
            return "MfaRequired[userId=" + userId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** The password was right but an organization enforces MFA the user lacks: a setup-only token. */
    record MfaSetupRequired(UUID userId, String setupToken, Instant expiresAt) implements SignInOutcome {
        @Override
        public String toString() {
            return "MfaSetupRequired[userId=" + userId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Unknown email, wrong password, or an account that cannot sign in yet: one answer for all. */
    record InvalidCredentials() implements SignInOutcome {}

    record RateLimited(Duration retryAfter) implements SignInOutcome {}

    /** The right password of a signup whose address is not confirmed yet (never told without the password). */
    record EmailNotVerified() implements SignInOutcome {}
}
