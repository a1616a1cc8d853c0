package io.gatekeep.events.account;

/** How a user obtained a full session ({@link SignedIn#method()}). */
public enum SignInMethod {
    /** A password, on an account without MFA. */
    PASSWORD,
    /** A password and an authenticator code. */
    TOTP,
    /** A password and the recovery code (which turned MFA off). */
    RECOVERY_CODE,
    /** The link that confirmed a signup. */
    SIGNUP_CONFIRMATION
}
