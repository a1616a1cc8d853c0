package io.gatekeep.events.mfa;

/** The second factor a user passed. */
public enum SecondFactor {
    /** A code from the authenticator app. */
    TOTP,
    /** The account's one recovery code (which turns MFA off). */
    RECOVERY_CODE
}
