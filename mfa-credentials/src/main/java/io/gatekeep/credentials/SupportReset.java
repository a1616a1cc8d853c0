package io.gatekeep.credentials;

/**
 * What a support reset does to a user's credentials, once the desk's approval has been re-checked: MFA is turned off
 * exactly as a used recovery code turns it off, with reason {@link #REASON}: the active credential is revoked and its
 * secret erased, its unused recovery code revoked ({@link #REVOKE_CREDENTIAL}); then any pending setup expires
 * ({@link #EXPIRE_PENDING_SETUP}), so no half-done enrolment outlives the reset. A user without an active credential
 * is left alone ({@link #REVOKE_CREDENTIAL} returns no row). Run in one transaction; the worker ends the user's
 * sessions in the same one.
 */
public final class SupportReset {

    private SupportReset() {}

    /** The {@code revoked_reason} of a credential a support reset revoked. */
    public static final String REASON = "SUPPORT_RESET";

    /** {@link CredentialStatements#REVOKE_ACTIVE}, with {@code :reason} bound to {@link #REASON}. */
    public static final Statement REVOKE_CREDENTIAL = CredentialStatements.REVOKE_ACTIVE;

    /** {@link SetupStatements#EXPIRE_PENDING_OF_USER}. */
    public static final Statement EXPIRE_PENDING_SETUP = SetupStatements.EXPIRE_PENDING_OF_USER;
}
