package io.gatekeep.api.mfa.enrollment;

import io.gatekeep.api.mfa.credential.Rows;
import io.gatekeep.api.mfa.enrollment.model.SetupSession;
import io.gatekeep.api.mfa.enrollment.model.SetupStatus;
import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import io.gatekeep.credentials.SetupStatements;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code mfa_setup} table. Sessions are saved with a compare-and-set on {@code revision}, so of two concurrent
 * changes (a QR refresh and a verify, two verifies) exactly one is stored and the other learns it lost.
 */
@Component
class SetupStore {

    private final DatabaseClient db;

    SetupStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts a new PENDING session. Emits false when the user already has a pending one (a concurrent start won):
     * call {@link #supersedePending} first in the same transaction.
     */
    public Mono<Boolean> insert(SetupSession session) {
        GenericExecuteSpec spec = db.sql(SetupStatements.START.sql())
                .bind("id", session.id())
                .bind("user", session.userId())
                .bind("authSession", session.authSessionId())
                .bind("startedAt", session.startedAt())
                .bind("expiresAt", session.expiresAt());
        return bindState(spec, session).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /**
     * Moves the user's pending session, if any, to SUPERSEDED and discards its secret; emits the ids superseded.
     */
    public Flux<UUID> supersedePending(UUID userId, Instant now) {
        return db.sql(SetupStatements.SUPERSEDE_PENDING.sql())
                .bind("user", userId)
                .bind("now", now)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    public Mono<SetupSession> findById(UUID id) {
        return db.sql(SetupStatements.FIND_BY_ID.sql())
                .bind("id", id)
                .map(SetupStore::session)
                .one();
    }

    /** The user's most recent session, whatever its status (an expired one answers setup_session_expired). */
    public Mono<SetupSession> findLatest(UUID userId) {
        return db.sql(SetupStatements.FIND_LATEST.sql())
                .bind("user", userId)
                .map(SetupStore::session)
                .one();
    }

    /**
     * Saves {@code next}, the result of one transition of the stored session: succeeds only if the stored revision
     * is still {@code next.revision() - 1}. Emits false when another change got there first.
     */
    public Mono<Boolean> update(SetupSession next, Instant now) {
        GenericExecuteSpec spec = db.sql(SetupStatements.SAVE.sql())
                .bind("id", next.id())
                .bind("previousRevision", next.revision() - 1)
                .bind("now", now);
        return bindState(spec, next).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static GenericExecuteSpec bindState(GenericExecuteSpec spec, SetupSession session) {
        EncryptedSecret secret = session.pendingSecret();
        return spec.bind("status", session.status().name())
                .bind("keyId", Parameter.fromOrEmpty(secret == null ? null : secret.keyId(), String.class))
                .bind(
                        "nonce",
                        Parameter.fromOrEmpty(
                                secret == null ? null : ByteBuffer.wrap(secret.nonce()), ByteBuffer.class))
                .bind(
                        "ciphertext",
                        Parameter.fromOrEmpty(
                                secret == null ? null : ByteBuffer.wrap(secret.ciphertext()), ByteBuffer.class))
                .bind("qrIssuedAt", session.qrIssuedAt())
                .bind("qrExpiresAt", session.qrExpiresAt())
                .bind("revision", session.revision());
    }

    private static SetupSession session(Readable row) {
        return new SetupSession(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("auth_session_id", UUID.class),
                SetupStatus.valueOf(row.get("status", String.class)),
                Rows.secret(row),
                row.get("started_at", Instant.class),
                row.get("qr_issued_at", Instant.class),
                row.get("qr_expires_at", Instant.class),
                row.get("expires_at", Instant.class),
                row.get("revision", Integer.class));
    }
}
