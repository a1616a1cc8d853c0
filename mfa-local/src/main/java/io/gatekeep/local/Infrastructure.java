package io.gatekeep.local;

/** Where the embedded servers listen, as the services must be told. */
record Infrastructure(
        int postgresPort,
        String database,
        String dbUser,
        String dbPassword,
        String kafkaBootstrap,
        int smtpPort,
        int imapPort) {

    static final String SUPPORT_ADDRESS = "support@localhost";
    static final int SMTP_PORT = 3025;
    static final int IMAP_PORT = 3143;

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    String r2dbcUrl() {
        return "r2dbc:postgresql://localhost:" + postgresPort + "/" + database;
    }
}
