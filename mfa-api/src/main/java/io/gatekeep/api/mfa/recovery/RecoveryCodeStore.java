package io.gatekeep.api.mfa.recovery;

import io.gatekeep.api.mfa.recovery.model.RecoveryCodeHash;
import io.gatekeep.credentials.RecoveryCodeStatements;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code mfa_recovery_code} table: one usable code per user, stored as its hash, used at most once. */
@Component
public class RecoveryCodeStore {

    private final DatabaseClient db;

    public RecoveryCodeStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(UUID id, UUID userId, UUID credentialId, RecoveryCodeHash hash, Instant now) {
        return db.sql(RecoveryCodeStatements.ISSUE.sql())
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
        return db.sql(RecoveryCodeStatements.USE.sql())
                .bind("user", userId)
                .bind("hash", ByteBuffer.wrap(hash.bytes()))
                .bind("now", now)
                .map(row -> row.get("credential_id", UUID.class))
                .one();
    }
}
