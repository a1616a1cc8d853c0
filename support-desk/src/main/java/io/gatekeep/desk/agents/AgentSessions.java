package io.gatekeep.desk.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agent sessions ({@code desk_agent_session}): a 256-bit bearer token, stored only as its SHA-256, valid for
 * {@code session-ttl} at most and {@code idle-timeout} without use. Each authenticated request moves the idle
 * deadline, in one statement that also checks every limit, so an expired or revoked session is never revived.
 */
class AgentSessions {

    /** A signed-in agent, as the security context holds it. */
    record SessionAgent(UUID agentId, String username) {}

    record Issued(String token, Instant expiresAt) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();

    AgentSessions(JdbcTemplate jdbc, Clock clock, Duration ttl, Duration idle) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
        this.idle = idle;
    }

    Issued issue(UUID agentId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        jdbc.update("""
                insert into desk_agent_session (token_hash, agent_id, created_at, last_used_at, expires_at)
                values (?, ?, ?, ?, ?)""", sha256(token), agentId, Timestamp.from(now), Timestamp.from(now), Timestamp.from(expiresAt));
        return new Issued(token, expiresAt);
    }

    /** The session's agent when the token is live, its idle deadline moved on; empty otherwise. */
    Optional<SessionAgent> authenticate(String token) {
        Instant now = clock.instant();
        return jdbc
                .query(
                        """
                update desk_agent_session s set last_used_at = ?
                from desk_agent a
                where s.token_hash = ? and a.id = s.agent_id and a.active and s.revoked_at is null
                  and s.expires_at > ? and s.last_used_at > ?
                returning a.id, a.username""",
                        (rs, i) -> new SessionAgent(rs.getObject(1, UUID.class), rs.getString(2)),
                        Timestamp.from(now),
                        sha256(token),
                        Timestamp.from(now),
                        Timestamp.from(now.minus(idle)))
                .stream()
                .findFirst();
    }

    void revoke(String token) {
        jdbc.update(
                "update desk_agent_session set revoked_at = ? where token_hash = ? and revoked_at is null",
                Timestamp.from(clock.instant()),
                sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
