package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.recovery.RecoveryCodeHash;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code mfa_recovery_code} table: one usable code per user, stored as its hash, used at most once. */
public class RecoveryCodeStore {

    private final DatabaseClient db;

    public RecoveryCodeStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(UUID id, UUID userId, UUID credentialId, RecoveryCodeHash hash, Instant now) {
        return db.sql("""
                        insert into mfa_recovery_code (id, user_id, credential_id, code_hash, created_at)
                        values (:id, :user, :credential, :hash, :now)""")
                .bind("id", id)
                .bind("user", userId)
                .bind("credential", credentialId)
                .bind("hash", ByteBuffer.wrap(hash.bytes()))
                .bind("now", now)
                .then();
    }

    /**
     * Consumes the user's usable recovery code if {@code hash} is its hash. One statement: of concurrent submissions
     * exactly one gets the credential id; the others (and wrong codes) get nothing.
     */
    public Mono<UUID> consume(UUID userId, RecoveryCodeHash hash, Instant now) {
        return db.sql("""
                        update mfa_recovery_code set used_at = :now
                        where user_id = :user and code_hash = :hash and used_at is null and revoked_at is null
                        returning credential_id""")
                .bind("user", userId)
                .bind("hash", ByteBuffer.wrap(hash.bytes()))
                .bind("now", now)
                .map(row -> row.get("credential_id", UUID.class))
                .one();
    }
}
