package io.gatekeep.api.mfa.enrollment;

import io.gatekeep.api.mfa.enrollment.model.SetupOutcome;
import io.gatekeep.api.mfa.verification.VerificationProblems;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ApiException;
import org.springframework.http.HttpStatus;

/** The problem codes of MFA setup (public contract) and the one mapping from setup outcomes to them. */
final class SetupProblems {

    static final ApiError MFA_ALREADY_ENABLED =
            new ApiError(HttpStatus.CONFLICT, "mfa_already_enabled", "MFA is already enabled on this account");
    static final ApiError QR_EXPIRED = new ApiError(
            HttpStatus.GONE,
            "qr_expired",
            "This QR code has expired; request a new one with POST /api/v1/me/mfa/setup/qr");
    static final ApiError SETUP_SESSION_EXPIRED = new ApiError(
            HttpStatus.UNAUTHORIZED,
            "setup_session_expired",
            "The setup session has expired; sign in again and start over");

    private SetupProblems() {}

    static ApiException of(SetupOutcome outcome) {
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
            return VerificationProblems.INVALID_CODE.exception();
        }
        throw new IllegalArgumentException(
                "Not a refusal: " + outcome.getClass().getSimpleName());
    }

    static ApiException of(ConcurrentMfaChange race) {
        return race.alreadyEnabled() ? MFA_ALREADY_ENABLED.exception() : ApiError.CONFLICT.exception();
    }
}
