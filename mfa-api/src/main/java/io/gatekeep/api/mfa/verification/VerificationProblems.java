package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.lockout.Lockout;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;

/**
 * The problem codes of a second-factor check (public contract) and the one mapping from its outcomes to them. Setup
 * and turning MFA off check codes too, so they answer with these.
 */
public final class VerificationProblems {

    public static final ApiError MFA_NOT_ENABLED =
            new ApiError(HttpStatus.CONFLICT, "mfa_not_enabled", "MFA is not enabled on this account");
    public static final ApiError INVALID_CODE =
            new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_code", "The code is not valid");
    public static final ApiError CODE_ALREADY_USED = new ApiError(
            HttpStatus.UNPROCESSABLE_CONTENT, "code_already_used", "This code was already used; wait for the next one");
    public static final ApiError CHALLENGE_EXPIRED = new ApiError(
            HttpStatus.UNAUTHORIZED, "challenge_expired", "The sign-in challenge is not valid any more; sign in again");
    public static final ApiError LOCKED_OUT = new ApiError(
            HttpStatus.TOO_MANY_REQUESTS,
            "locked_out",
            "Too many wrong codes; MFA is locked for this account for a while");

    private VerificationProblems() {}

    public static ApiException of(VerificationOutcome outcome, Instant now) {
        if (outcome instanceof VerificationOutcome.InvalidCode) {
            return INVALID_CODE.exception();
        }
        if (outcome instanceof VerificationOutcome.CodeAlreadyUsed) {
            return CODE_ALREADY_USED.exception();
        }
        if (outcome instanceof VerificationOutcome.LockedOut locked) {
            return lockedOut(locked.lockout(), now);
        }
        if (outcome instanceof VerificationOutcome.ChallengeExpired) {
            return CHALLENGE_EXPIRED.exception();
        }
        throw new IllegalArgumentException(
                "Not a refusal: " + outcome.getClass().getSimpleName());
    }

    /** {@code 429 locked_out} with a {@code Retry-After} of the lock's remaining seconds. */
    public static ApiException lockedOut(Lockout lockout, Instant now) {
        return LOCKED_OUT.exception().withRetryAfter(Duration.ofSeconds(lockout.retryAfterSeconds(now)));
    }
}
