package io.gatekeep.api.mfa.enrollment;

import io.gatekeep.api.mfa.enrollment.model.SetupMaterial;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome;
import io.gatekeep.api.mfa.lockout.Lockout;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.sessions.SignInOutcome;

/** How a setup call ended, after its transaction committed. */
sealed interface SetupResult {

    /** A setup session was started or its QR code refreshed: show this (the only time the secret leaves). */
    record Material(SetupMaterial material) implements SetupResult {}

    /**
     * MFA is on. {@code recoveryCode} is shown once. {@code signedIn} is the full session that replaces a setup-only
     * token, null when a full session did the setup.
     */
    record Enabled(RecoveryCode recoveryCode, SignInOutcome.Authenticated signedIn) implements SetupResult {}

    /** A rule said no: {@code AlreadyEnabled}, {@code SessionExpired}, {@code QrExpired} or {@code InvalidCode}. */
    record Refused(SetupOutcome reason) implements SetupResult {}

    /** The MFA step is locked (checked before the code's result counts). */
    record LockedOut(Lockout lockout) implements SetupResult {}

    /** There is no setup session to refresh or verify (never started, or finished and MFA turned off since). */
    record NoSetup() implements SetupResult {}
}
