package io.gatekeep.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Embedded PostgreSQL whose data lives in a folder of the repository, so a restart keeps every account. The server
 * trusts local connections (initdb {@code -A trust}); the services still log in as {@code gatekeep}.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "gatekeep";
    static final String USER = "gatekeep";
    static final String PASSWORD = "gatekeep";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalPostgres start(Path dataDirectory, int port, Path logFile) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException(
                    "PostgreSQL did not start (see " + logFile + "). If an earlier run-local was "
                            + "killed, its postgres may still hold " + dataDirectory
                            + ": stop it (pid in postmaster.pid).",
                    e);
        }
        LocalPostgres local = new LocalPostgres(postgres);
        local.ensureDatabase();
        return local;
    }

    int port() {
        return postgres.getPort();
    }

    private void ensureDatabase() throws SQLException {
        String adminUrl = "jdbc:postgresql://localhost:" + port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("create database " + DATABASE + " owner " + USER);
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
