package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.credential.ActiveCredential;
import io.gatekeep.api.mfa.credential.RevocationReason;
import io.gatekeep.api.mfa.enrollment.NewCredential;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code mfa_credential} table: at most one active credential per user. */
public class CredentialStore {

    /**
     * Records a step as used if newer than every step accepted before (no row updated: replay, older step, or
     * revoked). Parameters {@code :id}, {@code :step}, {@code :now}; shared with {@link TotpAttemptStore}.
     */
    static final String CONSUME_STEP = """
            update mfa_credential set last_used_step = :step, last_used_at = :now
            where id = :id and revoked_at is null and (last_used_step is null or last_used_step < :step)""";

    static final String ACTIVE_CREDENTIAL_COLUMNS =
            "id, user_id, secret_key_id, secret_nonce, secret_ciphertext, enabled_at, last_used_step";

    private final DatabaseClient db;

    public CredentialStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores the credential of a completed setup. Emits false when the user already has an active credential (two
     * setups completing at once): the caller answers {@code mfa_already_enabled} and rolls back.
     */
    public Mono<Boolean> insert(NewCredential credential, Instant createdAt) {
        return db.sql("""
                        insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext,
                                                    created_at, enabled_at, last_used_step, last_used_at)
                        values (:id, :user, :keyId, :nonce, :ciphertext, :createdAt, :enabledAt, :step, :enabledAt)
                        on conflict (user_id) where revoked_at is null do nothing""")
                .bind("id", credential.id())
                .bind("user", credential.userId())
                .bind("keyId", credential.secret().keyId())
                .bind("nonce", ByteBuffer.wrap(credential.secret().nonce()))
                .bind("ciphertext", ByteBuffer.wrap(credential.secret().ciphertext()))
                .bind("createdAt", createdAt)
                .bind("enabledAt", credential.enabledAt())
                .bind("step", credential.lastUsedStep())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<ActiveCredential> findActive(UUID userId) {
        return db.sql("select " + ACTIVE_CREDENTIAL_COLUMNS
                        + " from mfa_credential where user_id = :user and revoked_at is null")
                .bind("user", userId)
                .map(CredentialStore::activeCredential)
                .one();
    }

    /** Reads the {@link #ACTIVE_CREDENTIAL_COLUMNS} of a row. */
    static ActiveCredential activeCredential(Readable row) {
        return new ActiveCredential(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                Rows.secret(row),
                row.get("enabled_at", Instant.class),
                row.get("last_used_step", Long.class));
    }

    /**
     * Replay protection: records {@code step} as used if it is newer than every step accepted before. One statement,
     * so of any number of concurrent submissions (on any instance) exactly one wins; emits false for a replayed or
     * older step, or a credential revoked meanwhile.
     */
    public Mono<Boolean> consumeStep(UUID credentialId, long step, Instant now) {
        return db.sql(CONSUME_STEP)
                .bind("id", credentialId)
                .bind("step", step)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /**
     * Turns MFA off: revokes the active credential (clearing its secret) and its unused recovery code in one
     * statement. Emits the revoked credential's id, or nothing when MFA was already off.
     */
    public Mono<UUID> revokeActive(UUID userId, RevocationReason reason, Instant now) {
        return db.sql("""
                        with revoked as (
                            update mfa_credential
                            set revoked_at = :now, revoked_reason = :reason,
                                secret_key_id = null, secret_nonce = null, secret_ciphertext = null
                            where user_id = :user and revoked_at is null
                            returning id),
                        codes as (
                            update mfa_recovery_code set revoked_at = :now
                            where credential_id in (select id from revoked) and used_at is null and revoked_at is null)
                        select id from revoked""")
                .bind("user", userId)
                .bind("reason", reason.name())
                .bind("now", now)
                .map(row -> row.get("id", UUID.class))
                .one();
    }
}
