package io.gatekeep.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * One PostgreSQL server per JVM: embedded (zonky) by default, or the server named by {@code MFA_TEST_POSTGRES_URL}
 * (a JDBC URL of a database whose user may create databases; {@code MFA_TEST_POSTGRES_USER} and
 * {@code MFA_TEST_POSTGRES_PASSWORD}, default {@code postgres}). Every caller of {@link #newDatabase()} gets a database
 * of its own, so tests never see each other's rows.
 */
public final class TestPostgres {

    private static TestPostgres instance;

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;

    private TestPostgres(String host, int port, String adminDatabase, String user, String password) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestPostgres start() {
        String external = System.getenv("MFA_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            JdbcUrl url = JdbcUrl.parse(external);
            return new TestPostgres(
                    url.host(),
                    url.port(),
                    url.database(),
                    envOr("MFA_TEST_POSTGRES_USER", "postgres"),
                    envOr("MFA_TEST_POSTGRES_PASSWORD", "postgres"));
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
            return new TestPostgres("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    /** Creates an empty database (no migrations). */
    public TestDatabase newDatabase() {
        String name = "gk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new TestDatabase(host, port, name, user, password);
    }

    /** Creates a database with every Gatekeep migration applied. */
    public TestDatabase newMigratedDatabase() {
        TestDatabase database = newDatabase();
        Flyway.configure().dataSource(database.jdbcUrl(), user, password).load().migrate();
        return database;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }

    private record JdbcUrl(String host, int port, String database) {
        static JdbcUrl parse(String url) {
            // jdbc:postgresql://host:port/database
            String rest = url.substring(url.indexOf("//") + 2);
            String hostPort = rest.substring(0, rest.indexOf('/'));
            String database = rest.substring(rest.indexOf('/') + 1).split("\\?")[0];
            String[] parts = hostPort.split(":");
            return new JdbcUrl(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 5432, database);
        }
    }
}
