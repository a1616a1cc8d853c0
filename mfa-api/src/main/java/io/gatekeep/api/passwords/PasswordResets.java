package io.gatekeep.api.passwords;

import io.gatekeep.api.passwords.model.PasswordReset;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code password_reset} over R2DBC. The API never writes {@code token_hash}: the worker does, with the email. */
@Component
class PasswordResets {

    private final DatabaseClient db;

    PasswordResets(DatabaseClient db) {
        this.db = db;
    }

    Mono<PasswordReset> insert(PasswordReset reset, String clientIp) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        insert into password_reset (id, user_id, client_ip, created_at, expires_at)
                        values (:id, :userId, :clientIp, :createdAt, :expiresAt)
                        """)
                .bind("id", reset.id())
                .bind("userId", reset.userId())
                .bind("createdAt", reset.createdAt())
                .bind("expiresAt", reset.expiresAt());
        spec = clientIp == null ? spec.bindNull("clientIp", String.class) : spec.bind("clientIp", clientIp);
        return spec.fetch().rowsUpdated().thenReturn(reset);
    }

    /** Finds and locks the reset whose token hashes to {@code tokenHash}. */
    Mono<PasswordReset> lockByTokenHash(byte[] tokenHash) {
        return db.sql("select id, user_id, created_at, expires_at from password_reset "
                        + "where token_hash = :tokenHash for update")
                .bind("tokenHash", tokenHash)
                .map(PasswordResets::read)
                .one();
    }

    /** Deletes every reset of the account: after a password change, no earlier link may work. */
    Mono<Void> deleteAllOf(UUID userId) {
        return db.sql("delete from password_reset where user_id = :userId")
                .bind("userId", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static PasswordReset read(Readable row) {
        return new PasswordReset(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("created_at", Instant.class),
                row.get("expires_at", Instant.class));
    }
}
