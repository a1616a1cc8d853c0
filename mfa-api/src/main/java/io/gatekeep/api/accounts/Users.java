package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code app_user} over R2DBC. Joins the caller's transaction when there is one. */
@Component
public class Users {

    private static final String COLUMNS = "id, email, display_name, password_hash, status, created_at";

    private final DatabaseClient db;

    Users(DatabaseClient db) {
        this.db = db;
    }

    /**
     * {@link #findByEmail} as a {@link RateLimiter.Read}, for a statement that counts an attempt and finds its
     * account in one round trip.
     */
    public static RateLimiter.Read<UserAccount> byEmail(String email) {
        return new RateLimiter.Read<>(
                "select " + COLUMNS.replaceFirst("^id,", "id as account_id,")
                        + " from app_user where lower(email) = lower(:email)",
                Map.of("email", email.trim()),
                row -> row.get("account_id", UUID.class) == null ? null : account(row, "account_id"));
    }

    /** Case-insensitive lookup. */
    public Mono<UserAccount> findByEmail(String email) {
        return db.sql("select " + COLUMNS + " from app_user where lower(email) = lower(:email)")
                .bind("email", email.trim())
                .map(Users::read)
                .one();
    }

    public Mono<UserAccount> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from app_user where id = :id")
                .bind("id", id)
                .map(Users::read)
                .one();
    }

    /** Locks the row until the transaction ends. */
    public Mono<UserAccount> lockById(UUID id) {
        return db.sql("select " + COLUMNS + " from app_user where id = :id for update")
                .bind("id", id)
                .map(Users::read)
                .one();
    }

    public Mono<UserAccount> insert(UserAccount user) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        insert into app_user (id, email, display_name, password_hash, status, created_at)
                        values (:id, :email, :displayName, :passwordHash, :status, :createdAt)
                        """)
                .bind("id", user.id())
                .bind("email", user.email())
                .bind("displayName", user.displayName())
                .bind("status", user.status().name())
                .bind("createdAt", user.createdAt());
        spec = user.passwordHash() == null
                ? spec.bindNull("passwordHash", String.class)
                : spec.bind("passwordHash", user.passwordHash());
        return spec.fetch().rowsUpdated().thenReturn(user);
    }

    /** Sets the password and makes the user {@code ACTIVE}. */
    public Mono<Void> activate(UUID id, String passwordHash) {
        return db.sql("update app_user set password_hash = :hash, status = 'ACTIVE' where id = :id")
                .bind("hash", passwordHash)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Replaces the password hash only if it is still {@code expectedHash}: a concurrent change wins over a stale
     * one. Answers whether it was replaced.
     */
    public Mono<Boolean> replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return db.sql("update app_user set password_hash = :newHash where id = :id and password_hash = :expectedHash")
                .bind("newHash", newHash)
                .bind("id", id)
                .bind("expectedHash", expectedHash)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Sets the display name (an invited account confirming its own signup chooses its own). */
    public Mono<Void> rename(UUID id, String displayName) {
        return db.sql("update app_user set display_name = :displayName where id = :id")
                .bind("displayName", displayName)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    static UserAccount read(Readable row) {
        return account(row, "id");
    }

    private static UserAccount account(Readable row, String idColumn) {
        return new UserAccount(
                row.get(idColumn, UUID.class),
                row.get("email", String.class),
                row.get("display_name", String.class),
                row.get("password_hash", String.class),
                UserStatus.valueOf(row.get("status", String.class)),
                row.get("created_at", Instant.class));
    }
}
