package io.gatekeep.worker.notifications;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Read-only look-ups notification rules need: people and organizations by id. */
@Component
public class Directory {

    private final JdbcTemplate jdbc;

    Directory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A user's address and name. */
    public record Person(UUID id, String email, String displayName) {}

    public Optional<Person> person(UUID userId) {
        return jdbc
                .query(
                        "select id, email, display_name from app_user where id = ?",
                        (row, index) -> new Person(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                        userId)
                .stream()
                .findFirst();
    }

    public Optional<String> organizationName(UUID organizationId) {
        List<String> names =
                jdbc.queryForList("select name from organization where id = ?", String.class, organizationId);
        return names.stream().findFirst();
    }

    /** A member's role in an organization; empty when they are not (or no longer) a member. */
    public Optional<String> roleIn(UUID organizationId, UUID userId) {
        return jdbc
                .queryForList(
                        "select role from membership where organization_id = ? and user_id = ?",
                        String.class,
                        organizationId,
                        userId)
                .stream()
                .findFirst();
    }

    /** The owners and admins of an organization (e.g. to tell them about a member's security event). */
    public List<Person> administrators(UUID organizationId) {
        return jdbc.query(
                """
                select u.id, u.email, u.display_name from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and m.role in ('OWNER', 'ADMIN') order by u.id
                """,
                (row, index) -> new Person(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                organizationId);
    }

    /** The owners of an organization. */
    public List<Person> owners(UUID organizationId) {
        return jdbc.query(
                """
                select u.id, u.email, u.display_name from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and m.role = 'OWNER' order by u.id
                """,
                (row, index) -> new Person(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                organizationId);
    }

    /** The organizations a user is a member of. */
    public List<UUID> organizationsOf(UUID userId) {
        return jdbc.queryForList(
                "select organization_id from membership where user_id = ? order by organization_id",
                UUID.class,
                userId);
    }
}
