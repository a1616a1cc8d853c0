package io.gatekeep.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seeds users with MFA already on, straight into the tables mfa-api migrated (V1 app_user, V4_1 mfa_credential and
 * mfa_recovery_code), as a completed setup would leave them: an ACTIVE user with a password, one active credential
 * whose secret is sealed with the API's configured key and whose replay guard has seen no step yet, and one unused
 * recovery code. Going through the setup endpoints instead would cost four HTTP calls and a bcrypt per user.
 */
final class EnrolledUsers {

    /** One seeded user; {@code secret} is what the user's authenticator app holds. */
    record EnrolledUser(UUID id, String email, byte[] secret) {}

    static final String PASSWORD = "bench-password-not-measured";
    private static final int BATCH = 1_000;

    private EnrolledUsers() {}

    static List<EnrolledUser> seed(String jdbcUrl, String user, String password, SeedCrypto crypto, int count)
            throws SQLException {
        String passwordHash = SeedCrypto.cheapPasswordHash(PASSWORD);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<EnrolledUser> users = new ArrayList<>(count);
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection db = DriverManager.getConnection(url, user, password);
                PreparedStatement userRow = db.prepareStatement("""
                     insert into app_user (id, email, display_name, password_hash, status, created_at)
                     values (?, ?, ?, ?, 'ACTIVE', ?)""");
                PreparedStatement credentialRow = db.prepareStatement("""
                     insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext,
                                                 created_at, enabled_at)
                     values (?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement recoveryRow = db.prepareStatement("""
                     insert into mfa_recovery_code (id, user_id, credential_id, code_hash, created_at)
                     values (?, ?, ?, ?, ?)""")) {
            db.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                UUID userId = UUID.randomUUID();
                UUID credentialId = UUID.randomUUID();
                String email = String.format("bench-user-%05d@bench.gatekeep.test", i);
                byte[] secret = crypto.newTotpSecret();
                byte[][] sealed = crypto.seal(userId, secret);
                userRow.setObject(1, userId);
                userRow.setString(2, email);
                userRow.setString(3, "Bench user " + i);
                userRow.setString(4, passwordHash);
                userRow.setObject(5, now);
                userRow.addBatch();
                credentialRow.setObject(1, credentialId);
                credentialRow.setObject(2, userId);
                credentialRow.setString(3, SeedCrypto.KEY_ID);
                credentialRow.setBytes(4, sealed[0]);
                credentialRow.setBytes(5, sealed[1]);
                credentialRow.setObject(6, now);
                credentialRow.setObject(7, now);
                credentialRow.addBatch();
                recoveryRow.setObject(1, UUID.randomUUID());
                recoveryRow.setObject(2, userId);
                recoveryRow.setObject(3, credentialId);
                // the hash of a code nobody knows: the benchmark never uses recovery codes
                recoveryRow.setBytes(4, crypto.randomBytes(32));
                recoveryRow.setObject(5, now);
                recoveryRow.addBatch();
                users.add(new EnrolledUser(userId, email, secret));
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    userRow.executeBatch();
                    credentialRow.executeBatch();
                    recoveryRow.executeBatch();
                    db.commit();
                }
            }
            try (var analyze = db.createStatement()) {
                db.setAutoCommit(true);
                analyze.execute("analyze app_user, mfa_credential, mfa_recovery_code");
            }
        }
        return users;
    }
}
