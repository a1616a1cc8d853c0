package io.gatekeep.worker.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes the MFA rows mfa-api would have written (secrets are placeholder bytes: the worker never opens them). */
final class MfaRows {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MfaRows(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID session(UUID userId) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into auth_session (id, token_hash, user_id, kind, created_at, expires_at)
                values (?, ?, ?, 'FULL', ?, ?)""", id, random32(), userId, at(Duration.ZERO), at(Duration.ofHours(12)));
        return id;
    }

    /** A PENDING setup started {@code startedAgo} ago, lasting 3 minutes. */
    UUID pendingSetup(UUID userId, UUID authSessionId, Duration startedAgo) {
        UUID id = UUID.randomUUID();
        OffsetDateTime started = at(startedAgo.negated());
        jdbc.update(
                """
                insert into mfa_setup (id, user_id, auth_session_id, status, secret_key_id, secret_nonce,
                                       secret_ciphertext, started_at, qr_issued_at, qr_expires_at, expires_at)
                values (?, ?, ?, 'PENDING', 'test', ?, ?, ?, ?, ?, ?)""",
                id,
                userId,
                authSessionId,
                new byte[12],
                random32(),
                started,
                started,
                started.plusMinutes(1),
                started.plusMinutes(3));
        return id;
    }

    UUID activeCredential(UUID userId) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext, created_at,
                                            enabled_at)
                values (?, ?, 'test', ?, ?, ?, ?)""", id, userId, new byte[12], random32(), at(Duration.ZERO), at(Duration.ZERO));
        jdbc.update("""
                insert into mfa_recovery_code (id, user_id, credential_id, code_hash, created_at)
                values (?, ?, ?, ?, ?)""", UUID.randomUUID(), userId, id, random32(), at(Duration.ZERO));
        return id;
    }

    int outboxEvents(String type, UUID userId) {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = ? and partition_key = ?",
                Integer.class,
                "io.gatekeep." + type,
                userId.toString());
    }

    private OffsetDateTime at(Duration fromNow) {
        return OffsetDateTime.ofInstant(clock.instant().plus(fromNow), ZoneOffset.UTC);
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
