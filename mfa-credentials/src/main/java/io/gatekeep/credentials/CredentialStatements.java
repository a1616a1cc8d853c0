package io.gatekeep.credentials;

/**
 * The {@code mfa_credential} row's transitions: activation (a verified setup becomes the user's one active
 * credential), step use (a time step is accepted once, never after a newer one) and deactivation, which revokes the
 * credential, erases its secret and revokes its unused recovery code, whoever asks: the user
 * ({@code USER_REQUEST}), a used recovery code ({@code RECOVERY_CODE}) or a support reset ({@code SUPPORT_RESET}).
 */
public final class CredentialStatements {

    private CredentialStatements() {}

    /** The columns an active credential is read from, in the statements that read one. */
    static final String ACTIVE_COLUMNS =
            "id, user_id, secret_key_id, secret_nonce, secret_ciphertext, enabled_at, last_used_step";

    /** Whether {@code :step} may be accepted: newer than every step accepted before. */
    static String newerStep(String prefix) {
        return "(" + prefix + "last_used_step is null or " + prefix + "last_used_step < :step)";
    }

    /**
     * Stores the credential of a completed setup; no row inserted when the user already has an active one (two setups
     * completing at once). Parameters {@code :id}, {@code :user}, {@code :keyId}, {@code :nonce}, {@code :ciphertext},
     * {@code :createdAt}, {@code :enabledAt}, {@code :step} (the step of the code that verified the setup).
     */
    public static final Statement ACTIVATE = new Statement("credential.activate", """
            insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext,
                                        created_at, enabled_at, last_used_step, last_used_at)
            values (:id, :user, :keyId, :nonce, :ciphertext, :createdAt, :enabledAt, :step, :enabledAt)
            on conflict (user_id) where revoked_at is null do nothing""");

    /** The user's active credential, if any. Parameter {@code :user}. */
    public static final Statement FIND_ACTIVE = new Statement(
            "credential.find-active",
            "select " + ACTIVE_COLUMNS + " from mfa_credential where user_id = :user and revoked_at is null");

    /**
     * Replay guard: records {@code :step} as used if newer than every step accepted before. One statement, so of any
     * number of concurrent submissions exactly one wins; no row updated for a replayed or older step, or a credential
     * revoked meanwhile. Parameters {@code :id}, {@code :step}, {@code :now}.
     */
    public static final Statement CONSUME_STEP = new Statement("credential.consume-step", """
            update mfa_credential set last_used_step = :step, last_used_at = :now
            where id = :id and revoked_at is null and %s""".formatted(newerStep("")));

    /**
     * Deactivation: revokes the user's active credential (clearing its secret) and its unused recovery code in one
     * statement, returning the credential's id (no row: MFA was already off). Parameters {@code :user},
     * {@code :reason} ({@code USER_REQUEST}, {@code RECOVERY_CODE} or {@code SUPPORT_RESET}), {@code :now}.
     */
    public static final Statement REVOKE_ACTIVE = new Statement("credential.revoke-active", """
            with revoked as (
                update mfa_credential
                set revoked_at = :now, revoked_reason = :reason,
                    secret_key_id = null, secret_nonce = null, secret_ciphertext = null
                where user_id = :user and revoked_at is null
                returning id),
            codes as (
                update mfa_recovery_code set revoked_at = :now
                where credential_id in (select id from revoked) and used_at is null and revoked_at is null)
            select id from revoked""");
}
