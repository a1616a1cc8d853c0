package io.gatekeep.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes the account rows mfa-api would have written, for the situations the tests need. */
public final class Accounts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Accounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Person(UUID id, String email, String displayName) {}

    public UUID organization(String name) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into organization (id, name, created_at) values (?, ?, ?)", id, name, now());
        return id;
    }

    public Person activeUser(String displayName) {
        return user(displayName, "ACTIVE");
    }

    public Person invitedUser(String displayName) {
        return user(displayName, "INVITED");
    }

    private Person user(String displayName, String status) {
        UUID id = UUID.randomUUID();
        String email = "user-" + id + "@example.test";
        jdbc.update(
                "insert into app_user (id, email, display_name, password_hash, status, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                id,
                email,
                displayName,
                null,
                status,
                now());
        return new Person(id, email, displayName);
    }

    public void member(UUID organizationId, Person person, String role) {
        jdbc.update(
                "insert into membership (organization_id, user_id, role, created_at, role_since) "
                        + "values (?, ?, ?, ?, ?)",
                organizationId,
                person.id(),
                role,
                now(),
                now());
    }

    public UUID invitation(UUID organizationId, Person invited, Person invitedBy) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into invitation (id, organization_id, user_id, email, invited_by, created_at, "
                        + "expires_at) values (?, ?, ?, ?, ?, ?, ?)",
                id,
                organizationId,
                invited.id(),
                invited.email(),
                invitedBy.id(),
                now(),
                OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC));
        return id;
    }

    public Instant invitationExpiry(UUID invitationId) {
        return jdbc.queryForObject("select expires_at from invitation where id = ?", OffsetDateTime.class, invitationId)
                .toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
