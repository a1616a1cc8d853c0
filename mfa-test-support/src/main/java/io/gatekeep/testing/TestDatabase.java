package io.gatekeep.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One database on the shared test server, with the URLs each client library wants. */
public record TestDatabase(String host, int port, String name, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }
}
