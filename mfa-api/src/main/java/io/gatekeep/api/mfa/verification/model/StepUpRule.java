package io.gatekeep.api.mfa.verification.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Sensitive actions (the enforcement toggle, granting OWNER or MANAGE_ORG_ACCESS, removing an owner, turning MFA off,
 * changing the password) need a session whose second factor was verified with a TOTP code of the current credential
 * within the step-up window: not a session from before MFA was enabled, not one obtained with the recovery code (that
 * path turns MFA off anyway), and not a pass older than the window. A session refreshes its pass with
 * {@code POST /api/v1/auth/step-up}; turning MFA on counts as a pass for the session that did it.
 */
public final class StepUpRule {

    private StepUpRule() {}

    /**
     * @param sessionMfaVerifiedAt when the session last passed MFA, null if it never did
     * @param viaRecoveryCode      whether that pass used the recovery code
     * @param credentialEnabledAt  when the user's active credential was enabled, null if MFA is off
     * @param now                  the time of the action
     * @param window               how long a pass lasts ({@code gatekeep.sessions.step-up-window})
     */
    public static boolean isSatisfied(
            Instant sessionMfaVerifiedAt,
            boolean viaRecoveryCode,
            Instant credentialEnabledAt,
            Instant now,
            Duration window) {
        return credentialEnabledAt != null
                && sessionMfaVerifiedAt != null
                && !viaRecoveryCode
                && !sessionMfaVerifiedAt.isBefore(credentialEnabledAt)
                && now.isBefore(sessionMfaVerifiedAt.plus(window));
    }

    /** The action is open without a step-up to an account that has no MFA; otherwise as {@link #isSatisfied}. */
    public static boolean isSatisfiedIfMfa(
            Instant sessionMfaVerifiedAt,
            boolean viaRecoveryCode,
            Instant credentialEnabledAt,
            Instant now,
            Duration window) {
        return credentialEnabledAt == null
                || isSatisfied(sessionMfaVerifiedAt, viaRecoveryCode, credentialEnabledAt, now, window);
    }
}
