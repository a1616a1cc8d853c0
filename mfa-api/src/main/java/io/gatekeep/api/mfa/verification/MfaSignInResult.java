package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.sessions.SignInOutcome;

/** How {@code POST /api/v1/auth/mfa} ended. */
sealed interface MfaSignInResult {

    /**
     * The second factor was accepted: {@code outcome} is a full session, or (recovery code under enforcement) a
     * setup-only token. {@code mfaDisabled} when the recovery code turned MFA off.
     */
    record Passed(SignInOutcome outcome, boolean mfaDisabled) implements MfaSignInResult {}

    /** Refused: invalid code, replayed code, locked out, or an unknown/used/expired challenge. */
    record Refused(VerificationOutcome outcome) implements MfaSignInResult {}
}
