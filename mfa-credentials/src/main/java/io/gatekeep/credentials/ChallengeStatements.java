package io.gatekeep.credentials;

/**
 * The sign-in challenge: the {@code MFA_CHALLENGE} session a password sign-in leaves for the second factor. It is
 * live while neither used, revoked nor expired ({@link #live}); every statement that redeems one asks that here.
 */
public final class ChallengeStatements {

    private ChallengeStatements() {}

    /** A live challenge, of the {@code auth_session} row qualified by {@code prefix}. Parameter {@code :now}. */
    static String live(String prefix) {
        return prefix + "kind = 'MFA_CHALLENGE' and " + prefix + "revoked_at is null and " + prefix
                + "expires_at > :now";
    }

    /**
     * Claims the live challenge whose token hashes to {@code :hash}: revokes it and locks its row, returning
     * {@code id}, {@code user_id}. Parameters {@code :hash}, {@code :now}.
     */
    public static final Statement CLAIM_LIVE = new Statement("challenge.claim-live", """
            update auth_session set revoked_at = :now
            where token_hash = :hash and %s
            returning id, user_id""".formatted(live("")));

    /** Undoes {@link #CLAIM_LIVE} in the same transaction: the factor was refused. Parameter {@code :id}. */
    public static final Statement RELEASE = new Statement(
            "challenge.release", "update auth_session set revoked_at = null where id = :id and kind = 'MFA_CHALLENGE'");
}
