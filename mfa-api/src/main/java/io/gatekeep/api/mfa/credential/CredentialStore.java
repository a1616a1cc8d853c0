package io.gatekeep.api.mfa.credential;

import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import io.gatekeep.api.mfa.credential.model.RevocationReason;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.credentials.CredentialStatements;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code mfa_credential} table (statements: {@link CredentialStatements}): at most one active credential per user. */
@Component
public class CredentialStore {

    private final DatabaseClient db;

    public CredentialStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores the credential of a completed setup. Emits false when the user already has an active credential (two
     * setups completing at once): the caller answers {@code mfa_already_enabled} and rolls back.
     */
    public Mono<Boolean> insert(NewCredential credential, Instant createdAt) {
        return db.sql(CredentialStatements.ACTIVATE.sql())
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
        return db.sql(CredentialStatements.FIND_ACTIVE.sql())
                .bind("user", userId)
                .map(CredentialStore::activeCredential)
                .one();
    }

    /** Reads the active credential's columns of a row ({@link CredentialStatements#FIND_ACTIVE}). */
    public static ActiveCredential activeCredential(Readable row) {
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
        return db.sql(CredentialStatements.CONSUME_STEP.sql())
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
        return db.sql(CredentialStatements.REVOKE_ACTIVE.sql())
                .bind("user", userId)
                .bind("reason", reason.name())
                .bind("now", now)
                .map(row -> row.get("id", UUID.class))
                .one();
    }
}
