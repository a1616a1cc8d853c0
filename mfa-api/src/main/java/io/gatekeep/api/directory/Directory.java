package io.gatekeep.api.directory;

import io.gatekeep.api.directory.DirectoryEntries.Approvers;
import io.gatekeep.api.directory.DirectoryEntries.Membership;
import io.gatekeep.api.directory.DirectoryEntries.Person;
import io.gatekeep.api.directory.DirectoryEntries.User;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Read-only queries over accounts, memberships and MFA credentials. */
@Component
class Directory {

    private static final String USER_COLUMNS = """
            select u.id, u.email, u.display_name, u.status,
                   exists (select 1 from mfa_credential c where c.user_id = u.id and c.revoked_at is null) as mfa
            from app_user u
            """;

    private final DatabaseClient db;

    Directory(DatabaseClient db) {
        this.db = db;
    }

    Mono<User> userByEmail(String email) {
        return user(USER_COLUMNS + " where lower(u.email) = lower(:key)", email);
    }

    Mono<User> userById(UUID userId) {
        return user(USER_COLUMNS + " where u.id = :key", userId);
    }

    private Mono<User> user(String sql, Object key) {
        return db.sql(sql)
                .bind("key", key)
                .map(row -> new User(
                        row.get("id", UUID.class),
                        row.get("email", String.class),
                        row.get("display_name", String.class),
                        "ACTIVE".equals(row.get("status", String.class)),
                        Boolean.TRUE.equals(row.get("mfa", Boolean.class)),
                        java.util.List.of()))
                .one()
                .flatMap(user -> memberships(user.userId())
                        .collectList()
                        .map(memberships -> new User(
                                user.userId(),
                                user.email(),
                                user.displayName(),
                                user.active(),
                                user.mfaEnabled(),
                                memberships)));
    }

    private reactor.core.publisher.Flux<Membership> memberships(UUID userId) {
        return db.sql("""
                        select o.id, o.name, m.role, m.manage_org_access, m.joined_via, m.created_at, m.role_since,
                               o.mfa_enforced
                        from membership m join organization o on o.id = m.organization_id
                        where m.user_id = :userId order by o.name, o.id
                        """)
                .bind("userId", userId)
                .map(row -> new Membership(
                        row.get("id", UUID.class),
                        row.get("name", String.class),
                        row.get("role", String.class),
                        Boolean.TRUE.equals(row.get("manage_org_access", Boolean.class)),
                        row.get("joined_via", String.class),
                        instant(row.get("created_at", OffsetDateTime.class)),
                        instant(row.get("role_since", OffsetDateTime.class)),
                        Boolean.TRUE.equals(row.get("mfa_enforced", Boolean.class))))
                .all();
    }

    Mono<Approvers> approvers(UUID organizationId) {
        Mono<Object[]> organization = db.sql("select name, mfa_enforced from organization where id = :id")
                .bind("id", organizationId)
                .map(row -> new Object[] {
                    row.get("name", String.class), Boolean.TRUE.equals(row.get("mfa_enforced", Boolean.class))
                })
                .one();
        return organization.flatMap(org -> db.sql("""
                                select u.id, u.email, u.display_name, m.role, m.role_since
                                from membership m join app_user u on u.id = m.user_id
                                where m.organization_id = :org and u.status = 'ACTIVE'
                                  and (m.role = 'OWNER' or m.manage_org_access)
                                order by u.email
                                """)
                .bind("org", organizationId)
                .map(row -> new Object[] {
                    row.get("role", String.class),
                    new Person(
                            row.get("id", UUID.class),
                            row.get("email", String.class),
                            row.get("display_name", String.class),
                            instant(row.get("role_since", OffsetDateTime.class)))
                })
                .all()
                .collectList()
                .map(rows -> new Approvers(
                        organizationId,
                        (String) org[0],
                        (Boolean) org[1],
                        rows.stream()
                                .filter(r -> "OWNER".equals(r[0]))
                                .map(r -> (Person) r[1])
                                .toList(),
                        rows.stream()
                                .filter(r -> !"OWNER".equals(r[0]))
                                .map(r -> (Person) r[1])
                                .toList())));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
