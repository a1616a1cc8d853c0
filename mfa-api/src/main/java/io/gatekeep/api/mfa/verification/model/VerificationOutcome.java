package io.gatekeep.api.mfa.verification.model;

import io.gatekeep.api.mfa.lockout.Lockout;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of a second factor, mapped by the web layer in one place: {@code InvalidCode} → 422
 * {@code invalid_code}, {@code CodeAlreadyUsed} → 422 {@code code_already_used}, {@code LockedOut} → 429
 * {@code locked_out} with {@code Retry-After}, {@code ChallengeExpired} → 401 {@code challenge_expired}.
 */
public sealed interface VerificationOutcome {

    /** A TOTP code for {@code step} was accepted and that step is now used up for {@code credentialId}. */
    record Verified(UUID credentialId, long step) implements VerificationOutcome {}

    /**
     * The recovery code was accepted and consumed; MFA is disabled by the same transaction (credential revoked with
     * reason RECOVERY_CODE): answer {@code "mfaDisabled": true}.
     */
    record RecoveryCodeAccepted(UUID credentialId) implements VerificationOutcome {}

    /** Wrong code (or malformed input); {@code consecutiveFailures} goes into the verification-failed event. */
    record InvalidCode(int consecutiveFailures) implements VerificationOutcome {}

    /** The code was right but its step (or an older one) was already accepted: a replay. Counts as a failure. */
    record CodeAlreadyUsed(int consecutiveFailures) implements VerificationOutcome {}

    /** The MFA step is locked; {@code lockedNow} when this attempt started the lock (event + email). */
    record LockedOut(Lockout lockout, boolean lockedNow) implements VerificationOutcome {

        public Instant until() {
            return lockout.until();
        }

        public long retryAfterSeconds(Instant now) {
            return lockout.retryAfterSeconds(now);
        }
    }

    /** The challenge token is unknown, revoked, used or older than its 5 minutes. */
    record ChallengeExpired() implements VerificationOutcome {}
}
