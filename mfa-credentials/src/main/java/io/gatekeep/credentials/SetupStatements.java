package io.gatekeep.credentials;

/**
 * The {@code mfa_setup} row, an enrolment in progress: started PENDING with a sealed secret behind its QR code, then
 * COMPLETED (verified), SUPERSEDED (another setup started) or EXPIRED (abandoned); leaving PENDING erases the secret.
 * Saves are a compare-and-set on {@code revision}, so of two concurrent changes exactly one is stored.
 */
public final class SetupStatements {

    private SetupStatements() {}

    private static final String COLUMNS = """
            id, user_id, auth_session_id, status, secret_key_id, secret_nonce, secret_ciphertext,
            started_at, qr_issued_at, qr_expires_at, expires_at, revision""";

    /** The fields leaving PENDING sets, besides the status: the secret goes, the revision moves. */
    private static final String FINISH = """
            finished_at = :now, revision = revision + 1,
                secret_key_id = null, secret_nonce = null, secret_ciphertext = null""";

    /**
     * Enrolment starts: a new PENDING setup; no row inserted when the user already has one (a concurrent start won).
     * Parameters {@code :id}, {@code :user}, {@code :authSession}, {@code :status}, {@code :keyId}, {@code :nonce},
     * {@code :ciphertext}, {@code :startedAt}, {@code :qrIssuedAt}, {@code :qrExpiresAt}, {@code :expiresAt},
     * {@code :revision}.
     */
    public static final Statement START = new Statement("setup.start", """
            insert into mfa_setup (%s)
            values (:id, :user, :authSession, :status, :keyId, :nonce, :ciphertext,
                    :startedAt, :qrIssuedAt, :qrExpiresAt, :expiresAt, :revision)
            on conflict (user_id) where status = 'PENDING' do nothing""".formatted(COLUMNS));

    /** A new start supersedes the user's pending setup. Parameters {@code :user}, {@code :now}; returns the ids. */
    public static final Statement SUPERSEDE_PENDING = new Statement("setup.supersede-pending", """
            update mfa_setup set status = 'SUPERSEDED', %s
            where user_id = :user and status = 'PENDING'
            returning id""".formatted(FINISH));

    /** Parameter {@code :id}. */
    public static final Statement FIND_BY_ID =
            new Statement("setup.find-by-id", "select " + COLUMNS + " from mfa_setup where id = :id");

    /** The user's most recent setup, whatever its status. Parameter {@code :user}. */
    public static final Statement FIND_LATEST = new Statement(
            "setup.find-latest",
            "select " + COLUMNS + " from mfa_setup where user_id = :user order by started_at desc limit 1");

    /**
     * Saves one transition computed in Java (a QR refresh, completion, expiry found by a call), only if the stored
     * revision is still {@code :previousRevision}. Parameters those of {@link #START} that can change, {@code :id},
     * {@code :previousRevision}, {@code :now}.
     */
    public static final Statement SAVE = new Statement("setup.save", """
            update mfa_setup set status = :status, secret_key_id = :keyId, secret_nonce = :nonce,
                   secret_ciphertext = :ciphertext, qr_issued_at = :qrIssuedAt,
                   qr_expires_at = :qrExpiresAt, revision = :revision,
                   finished_at = case when :status = 'PENDING' then null else :now end
            where id = :id and revision = :previousRevision""");

    /** Expires the user's pending setup, if any (see {@link SupportReset}). Parameters {@code :user}, {@code :now}. */
    public static final Statement EXPIRE_PENDING_OF_USER =
            new Statement("setup.expire-pending-of-user", """
            update mfa_setup set status = 'EXPIRED', %s
            where user_id = :user and status = 'PENDING'""".formatted(FINISH));

    /**
     * Expires up to {@code :batch} pending setups past their {@code expires_at} (see {@link SetupExpiry}), skipping
     * rows another sweeper holds. Parameters {@code :now}, {@code :batch}; returns {@code id}, {@code user_id},
     * {@code auth_session_id}, {@code expires_at} of each.
     */
    public static final Statement EXPIRE_DUE = new Statement("setup.expire-due", """
            with due as (
                select id from mfa_setup where status = 'PENDING' and expires_at <= :now
                order by expires_at limit :batch for update skip locked)
            update mfa_setup s
            set status = 'EXPIRED', finished_at = :now, revision = s.revision + 1,
                secret_key_id = null, secret_nonce = null, secret_ciphertext = null
            from due where s.id = due.id and s.status = 'PENDING'
            returning s.id, s.user_id, s.auth_session_id, s.expires_at""");
}
