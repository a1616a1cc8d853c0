package io.gatekeep.api.mfa;

import static io.r2dbc.spi.ConnectionFactoryOptions.PASSWORD;
import static io.r2dbc.spi.ConnectionFactoryOptions.USER;

import io.gatekeep.testing.TestDatabase;
import io.gatekeep.testing.TestPostgres;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A freshly migrated database (all migrations, V4_1 included) with R2DBC clients standing in for API instances:
 * each {@link #newInstance()} has its own connection pool, as a separate process would.
 */
public final class MfaDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final List<ConnectionPool> pools = new ArrayList<>();
    public final DatabaseClient client;

    private MfaDatabase(TestDatabase database) {
        this.database = database;
        this.client = newInstance();
    }

    public static MfaDatabase create() {
        return new MfaDatabase(TestPostgres.get().newMigratedDatabase());
    }

    /** A client with its own pool of up to 25 connections, like one more API instance. */
    public DatabaseClient newInstance() {
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(
                        ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
                                .mutate()
                                .option(USER, database.user())
                                .option(PASSWORD, database.password())
                                .build()))
                .initialSize(2)
                .maxSize(25)
                .build());
        pools.add(pool);
        return DatabaseClient.create(pool);
    }

    public UUID newUser() {
        UUID id = UUID.randomUUID();
        update(
                "insert into app_user (id, email, display_name, password_hash, status, created_at) "
                        + "values (?, ?, 'Test user', 'x', 'ACTIVE', now())",
                id,
                id + "@example.com");
        return id;
    }

    public UUID newAuthSession(UUID userId, String kind) {
        UUID id = UUID.randomUUID();
        byte[] tokenHash = new byte[32];
        new SecureRandom().nextBytes(tokenHash);
        update(
                "insert into auth_session (id, token_hash, user_id, kind, created_at, expires_at) "
                        + "values (?, ?, ?, ?, now(), now() + interval '1 hour')",
                id,
                tokenHash,
                userId,
                kind);
        return id;
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i];
                statement.setObject(i + 1, value);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pools.forEach(ConnectionPool::dispose);
    }
}
