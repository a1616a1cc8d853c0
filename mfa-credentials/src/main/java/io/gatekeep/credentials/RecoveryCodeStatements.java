package io.gatekeep.credentials;

/**
 * The {@code mfa_recovery_code} row: issued with the credential, stored only as its hash, used at most once. It is
 * revoked with its credential ({@link CredentialStatements#REVOKE_ACTIVE}).
 */
public final class RecoveryCodeStatements {

    private RecoveryCodeStatements() {}

    /** Parameters {@code :id}, {@code :user}, {@code :credential}, {@code :hash}, {@code :now}. */
    public static final Statement ISSUE = new Statement("recovery-code.issue", """
            insert into mfa_recovery_code (id, user_id, credential_id, code_hash, created_at)
            values (:id, :user, :credential, :hash, :now)""");

    /**
     * Uses the user's usable code if {@code :hash} is its hash, returning its credential's id. One statement: of
     * concurrent submissions exactly one gets a row; the others (and wrong codes) none. Parameters {@code :user},
     * {@code :hash}, {@code :now}.
     */
    public static final Statement USE = new Statement("recovery-code.use", """
            update mfa_recovery_code set used_at = :now
            where user_id = :user and code_hash = :hash and used_at is null and revoked_at is null
            returning credential_id""");
}
