package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import java.time.Instant;

/** How {@code POST /api/v1/auth/step-up} ended. */
sealed interface StepUpResult {

    /**
     * The session passed its second factor at {@code verifiedAt}; sensitive actions are open to it until
     * {@code validUntil}. {@code mfaDisabled} when it was the recovery code: MFA is off now and every other session
     * of the account has ended.
     */
    record Verified(Instant verifiedAt, Instant validUntil, boolean mfaDisabled) implements StepUpResult {}

    /** The account has no MFA: there is nothing to step up with (and nothing that needs it). */
    record NotEnabled() implements StepUpResult {}

    /** The code was refused (invalid, replayed, or the MFA step is locked); the attempt counted. */
    record Refused(VerificationOutcome outcome) implements StepUpResult {}
}
