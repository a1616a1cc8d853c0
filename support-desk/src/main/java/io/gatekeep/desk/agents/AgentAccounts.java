package io.gatekeep.desk.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Agent accounts ({@code desk_agent}), separate from organization users; passwords stored as bcrypt hashes. */
class AgentAccounts {

    record Agent(UUID id, String username, String displayName, String passwordHash, boolean active) {}

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    AgentAccounts(JdbcTemplate jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    Optional<Agent> byUsername(String username) {
        return jdbc.query("select id, username, display_name, password_hash, active from desk_agent where username = ?",
                (rs, i) -> new Agent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)), username).stream().findFirst();
    }

    /** Creates the agent unless one with this user name exists; returns whether it was created. */
    boolean createIfAbsent(String username, String displayName, String rawPassword) {
        if (rawPassword == null || rawPassword.length() < 12) {
            throw new IllegalArgumentException("an agent password has at least 12 characters");
        }
        return jdbc.update("""
                insert into desk_agent (id, username, display_name, password_hash, created_at)
                values (?, ?, ?, ?, ?) on conflict (username) do nothing""", UUID.randomUUID(), username, displayName,
                passwords.encode(rawPassword), Timestamp.from(clock.instant())) == 1;
    }
}
