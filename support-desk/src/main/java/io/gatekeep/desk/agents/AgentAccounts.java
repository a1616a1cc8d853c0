package io.gatekeep.desk.agents;

import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Agent accounts ({@code desk_agent}), separate from organization users: password as a bcrypt hash, TOTP secret sealed
 * with AES-256-GCM (the agent's id bound as associated data), the last accepted time step, and the lockout state.
 */
class AgentAccounts {

    record Agent(
            UUID id,
            String username,
            String displayName,
            String passwordHash,
            boolean active,
            Optional<EncryptedSecret> totpSecret,
            Long lastUsedStep,
            LockoutState lockout) {}

    private static final String COLUMNS = """
            id, username, display_name, password_hash, active, totp_key_id, totp_nonce, totp_ciphertext,
            totp_last_used_step, consecutive_failures, lockout_count, locked_until, last_lockout_at""";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    AgentAccounts(JdbcTemplate jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    Optional<Agent> byUsername(String username) {
        return jdbc
                .query("select " + COLUMNS + " from desk_agent where username = ?", AgentAccounts::agent, username)
                .stream()
                .findFirst();
    }

    /** The agent's row, locked until the end of the caller's transaction (one sign-in attempt at a time). */
    Optional<Agent> lockByUsername(String username) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from desk_agent where username = ? for update",
                        AgentAccounts::agent,
                        username)
                .stream()
                .findFirst();
    }

    /** Creates the agent unless one with this user name exists; returns whether it was created. */
    boolean createIfAbsent(UUID id, String username, String displayName, String rawPassword, EncryptedSecret totp) {
        if (rawPassword == null || rawPassword.length() < 12) {
            throw new IllegalArgumentException("an agent password has at least 12 characters");
        }
        return jdbc.update(
                        """
                insert into desk_agent (id, username, display_name, password_hash, created_at, totp_key_id, totp_nonce,
                                        totp_ciphertext)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (username) do nothing""",
                        id,
                        username,
                        displayName,
                        passwords.encode(rawPassword),
                        Timestamp.from(clock.instant()),
                        totp.keyId(),
                        totp.nonce(),
                        totp.ciphertext())
                == 1;
    }

    /** Gives an agent without a second factor (created before agents had one) its TOTP secret; false if it had one. */
    boolean addTotpIfMissing(UUID agentId, EncryptedSecret totp) {
        return jdbc.update("""
                update desk_agent set totp_key_id = ?, totp_nonce = ?, totp_ciphertext = ?, totp_last_used_step = null
                where id = ? and totp_ciphertext is null""", totp.keyId(), totp.nonce(), totp.ciphertext(), agentId) == 1;
    }

    void saveLockout(UUID agentId, LockoutState state) {
        jdbc.update(
                """
                update desk_agent set consecutive_failures = ?, lockout_count = ?, locked_until = ?, last_lockout_at = ?
                where id = ?""",
                state.consecutiveFailures(),
                state.lockoutCount(),
                ts(state.lockedUntil()),
                ts(state.lastLockoutAt()),
                agentId);
    }

    /** Records the accepted code's time step: a code of this step or an older one is never accepted again. */
    void acceptStep(UUID agentId, long step) {
        jdbc.update("update desk_agent set totp_last_used_step = ? where id = ?", step, agentId);
    }

    private static Agent agent(ResultSet rs, int i) throws SQLException {
        String keyId = rs.getString("totp_key_id");
        Optional<EncryptedSecret> secret = keyId == null
                ? Optional.empty()
                : Optional.of(new EncryptedSecret(keyId, rs.getBytes("totp_nonce"), rs.getBytes("totp_ciphertext")));
        long step = rs.getLong("totp_last_used_step");
        Long lastUsedStep = rs.wasNull() ? null : step;
        return new Agent(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                rs.getBoolean("active"),
                secret,
                lastUsedStep,
                new LockoutState(
                        rs.getInt("consecutive_failures"),
                        rs.getInt("lockout_count"),
                        instant(rs, "locked_until"),
                        instant(rs, "last_lockout_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
