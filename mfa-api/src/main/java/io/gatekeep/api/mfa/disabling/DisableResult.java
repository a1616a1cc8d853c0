package io.gatekeep.api.mfa.disabling;

import io.gatekeep.api.mfa.verification.model.VerificationOutcome;

/** How {@code DELETE /api/v1/me/mfa} ended. */
sealed interface DisableResult {

    record Disabled() implements DisableResult {}

    /** An organization of the user enforces MFA: it stays on. */
    record Enforced() implements DisableResult {}

    /** There is no MFA to turn off. */
    record NotEnabled() implements DisableResult {}

    /** The code was refused (invalid, replayed, or the MFA step is locked). */
    record Refused(VerificationOutcome outcome) implements DisableResult {}
}
