package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.enrollment.SetupSession;
import io.gatekeep.api.mfa.enrollment.SetupStatus;
import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code mfa_setup} table. Sessions are saved with a compare-and-set on {@code revision}, so of two concurrent
 * changes (a QR refresh and a verify, two verifies) exactly one is stored and the other learns it lost.
 */
public class SetupStore {

    private static final String COLUMNS = """
            id, user_id, auth_session_id, status, secret_key_id, secret_nonce, secret_ciphertext,
            started_at, qr_issued_at, qr_expires_at, expires_at, revision""";

    private final DatabaseClient db;

    public SetupStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts a new PENDING session. Emits false when the user already has a pending one (a concurrent start won):
     * call {@link #supersedePending} first in the same transaction.
     */
    public Mono<Boolean> insert(SetupSession session) {
        GenericExecuteSpec spec = db.sql("""
                        insert into mfa_setup (%s)
                        values (:id, :user, :authSession, :status, :keyId, :nonce, :ciphertext,
                                :startedAt, :qrIssuedAt, :qrExpiresAt, :expiresAt, :revision)
                        on conflict (user_id) where status = 'PENDING' do nothing""".formatted(COLUMNS))
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
        return db.sql("""
                        update mfa_setup set status = 'SUPERSEDED', finished_at = :now, revision = revision + 1,
                                             secret_key_id = null, secret_nonce = null, secret_ciphertext = null
                        where user_id = :user and status = 'PENDING'
                        returning id""")
                .bind("user", userId)
                .bind("now", now)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    public Mono<SetupSession> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from mfa_setup where id = :id")
                .bind("id", id)
                .map(SetupStore::session)
                .one();
    }

    /** The user's most recent session, whatever its status (an expired one answers setup_session_expired). */
    public Mono<SetupSession> findLatest(UUID userId) {
        return db.sql("select " + COLUMNS + " from mfa_setup where user_id = :user order by started_at desc limit 1")
                .bind("user", userId)
                .map(SetupStore::session)
                .one();
    }

    /**
     * Saves {@code next}, the result of one transition of the stored session: succeeds only if the stored revision
     * is still {@code next.revision() - 1}. Emits false when another change got there first.
     */
    public Mono<Boolean> update(SetupSession next, Instant now) {
        GenericExecuteSpec spec = db.sql("""
                        update mfa_setup set status = :status, secret_key_id = :keyId, secret_nonce = :nonce,
                               secret_ciphertext = :ciphertext, qr_issued_at = :qrIssuedAt,
                               qr_expires_at = :qrExpiresAt, revision = :revision,
                               finished_at = case when :status = 'PENDING' then null else :now end
                        where id = :id and revision = :previousRevision""")
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
