package io.gatekeep.api.mfa.verification;

import java.time.Instant;

/**
 * Sensitive actions (turning enforcement on) need a session whose own sign-in passed a TOTP code of the current
 * credential: not a session from before MFA was enabled, and not one obtained with the recovery code (that path
 * disables MFA anyway).
 */
public final class StepUpRule {

    private StepUpRule() {
    }

    /**
     * @param sessionMfaVerifiedAt when the session's sign-in passed MFA, null if it never did
     * @param viaRecoveryCode whether that pass used the recovery code
     * @param credentialEnabledAt when the user's active credential was enabled, null if MFA is off
     */
    public static boolean isSatisfied(Instant sessionMfaVerifiedAt, boolean viaRecoveryCode,
                                      Instant credentialEnabledAt) {
        return credentialEnabledAt != null && sessionMfaVerifiedAt != null && !viaRecoveryCode
                && !sessionMfaVerifiedAt.isBefore(credentialEnabledAt);
    }
}
