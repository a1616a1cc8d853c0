package io.gatekeep.api.mfa.credential.model;

/** Why MFA was turned off; the same names as the {@code reason} of the {@code MfaDisabled} event. */
public enum RevocationReason {
    USER_REQUEST,
    RECOVERY_CODE,
    SUPPORT_RESET
}
