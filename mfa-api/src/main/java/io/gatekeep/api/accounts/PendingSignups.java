package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.PendingSignup;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code signup_request} over R2DBC. The API never writes {@code token_hash}: the worker does, with the email. */
@Component
class PendingSignups {

    private static final String COLUMNS = """
            id, email, display_name, organization_name, password_hash, created_at, expires_at, last_mailed_at""";

    private final DatabaseClient db;

    PendingSignups(DatabaseClient db) {
        this.db = db;
    }

    /** Stores {@code signup} in place of any pending signup for the same address, whose token then stops working. */
    Mono<PendingSignup> replace(PendingSignup signup) {
        return db.sql("delete from signup_request where lower(email) = lower(:email)")
                .bind("email", signup.email())
                .fetch()
                .rowsUpdated()
                .then(db.sql("""
                                insert into signup_request (id, email, display_name, organization_name, password_hash,
                                                            created_at, expires_at, last_mailed_at)
                                values (:id, :email, :displayName, :organizationName, :passwordHash, :createdAt,
                                        :expiresAt, :lastMailedAt)
                                """)
                        .bind("id", signup.id())
                        .bind("email", signup.email())
                        .bind("displayName", signup.displayName())
                        .bind("organizationName", signup.organizationName())
                        .bind("passwordHash", signup.passwordHash())
                        .bind("createdAt", signup.createdAt())
                        .bind("expiresAt", signup.expiresAt())
                        .bind("lastMailedAt", signup.lastMailedAt())
                        .fetch()
                        .rowsUpdated())
                .thenReturn(signup);
    }

    /** The pending signup of an address (case-insensitive), or empty. */
    Mono<PendingSignup> findByEmail(String email) {
        return db.sql("select " + COLUMNS + " from signup_request where lower(email) = lower(:email)")
                .bind("email", email.trim())
                .map(PendingSignups::read)
                .one();
    }

    /** Finds and locks the signup whose token hashes to {@code tokenHash}. */
    Mono<PendingSignup> lockByTokenHash(byte[] tokenHash) {
        return db.sql("select " + COLUMNS + " from signup_request where token_hash = :tokenHash for update")
                .bind("tokenHash", tokenHash)
                .map(PendingSignups::read)
                .one();
    }

    /**
     * Records that the confirmation email goes out again, unless another request did so since {@code seen} was read.
     * Answers whether this call won.
     */
    Mono<Boolean> markResent(PendingSignup seen, PendingSignup resent) {
        return db.sql("""
                        update signup_request set last_mailed_at = :lastMailedAt, expires_at = :expiresAt
                        where id = :id and last_mailed_at = :seenLastMailedAt
                        """)
                .bind("lastMailedAt", resent.lastMailedAt())
                .bind("expiresAt", resent.expiresAt())
                .bind("id", seen.id())
                .bind("seenLastMailedAt", seen.lastMailedAt())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    Mono<Void> delete(UUID id) {
        return db.sql("delete from signup_request where id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static PendingSignup read(Readable row) {
        return new PendingSignup(
                row.get("id", UUID.class),
                row.get("email", String.class),
                row.get("display_name", String.class),
                row.get("organization_name", String.class),
                row.get("password_hash", String.class),
                row.get("created_at", Instant.class),
                row.get("expires_at", Instant.class),
                row.get("last_mailed_at", Instant.class));
    }
}
