package io.gatekeep.api.mfa;

import io.gatekeep.api.mfa.enrollment.model.SetupOutcome;
import io.gatekeep.api.mfa.lockout.Lockout;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;

/** The MFA problem codes (public contract) and the one mapping from MFA outcomes to them. */
public final class MfaProblems {

    public static final ApiError MFA_ALREADY_ENABLED =
            new ApiError(HttpStatus.CONFLICT, "mfa_already_enabled", "MFA is already enabled on this account");
    public static final ApiError MFA_NOT_ENABLED =
            new ApiError(HttpStatus.CONFLICT, "mfa_not_enabled", "MFA is not enabled on this account");
    public static final ApiError MFA_ENFORCED = new ApiError(
            HttpStatus.CONFLICT,
            "mfa_enforced",
            "An organization you belong to requires MFA, so it cannot be turned off");
    public static final ApiError QR_EXPIRED = new ApiError(
            HttpStatus.GONE,
            "qr_expired",
            "This QR code has expired; request a new one with POST /api/v1/me/mfa/setup/qr");
    public static final ApiError SETUP_SESSION_EXPIRED = new ApiError(
            HttpStatus.UNAUTHORIZED,
            "setup_session_expired",
            "The setup session has expired; sign in again and start over");
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

    private MfaProblems() {}

    public static ApiException of(SetupOutcome outcome) {
        if (outcome instanceof SetupOutcome.AlreadyEnabled) {
            return MFA_ALREADY_ENABLED.exception();
        }
        if (outcome instanceof SetupOutcome.SessionExpired) {
            return SETUP_SESSION_EXPIRED.exception();
        }
        if (outcome instanceof SetupOutcome.QrExpired) {
            return QR_EXPIRED.exception();
        }
        if (outcome instanceof SetupOutcome.InvalidCode) {
            return INVALID_CODE.exception();
        }
        throw new IllegalArgumentException(
                "Not a refusal: " + outcome.getClass().getSimpleName());
    }

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

    public static ApiException lockedOut(Lockout lockout, Instant now) {
        return LOCKED_OUT.exception().withRetryAfter(Duration.ofSeconds(lockout.retryAfterSeconds(now)));
    }

    public static ApiException of(ConcurrentMfaChange race) {
        return race.alreadyEnabled() ? MFA_ALREADY_ENABLED.exception() : ApiError.CONFLICT.exception();
    }
}
