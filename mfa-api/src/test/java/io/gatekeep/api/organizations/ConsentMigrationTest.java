package io.gatekeep.api.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.testing.TestDatabase;
import io.gatekeep.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V7_2 on data written before it: open invitations lose their early memberships, account activity moves out. */
class ConsentMigrationTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final TestDatabase database = TestPostgres.get().newDatabase();
    private final UUID organization = UUID.randomUUID();
    private final UUID otherOrganization = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID invited = UUID.randomUUID();

    private Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .target(target)
                .load();
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof Instant at ? Timestamp.from(at) : parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Object> column(String sql, Object... parameters) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object> values = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void audit(UUID eventId, UUID organizationId, UUID userId, String action, String ip, Instant at) {
        update(
                """
                insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip,
                                         occurred_at, recorded_at, details)
                values (?, ?, ?, ?, ?, ?, ?, now(), cast(? as jsonb))""",
                eventId,
                organizationId,
                userId,
                userId,
                action,
                ip,
                at,
                ip == null ? "{}" : "{\"clientIp\": \"" + ip + "\", \"sessionId\": \"s\"}");
    }

    @Test
    void movesAccountActivityToTheSecurityLogAndDropsMembershipsNobodyAccepted() {
        flyway("7.0").migrate();
        for (UUID id : List.of(organization, otherOrganization)) {
            update("insert into organization (id, name, created_at) values (?, 'Org', ?)", id, T0);
        }
        update(
                "insert into app_user (id, email, display_name, password_hash, status, created_at) "
                        + "values (?, 'Owner@example.test', 'Owner', 'x', 'ACTIVE', ?)",
                owner,
                T0);
        update(
                "insert into app_user (id, email, display_name, status, created_at) "
                        + "values (?, 'ivy@example.test', 'Ivy', 'INVITED', ?)",
                invited,
                T0);
        update(
                "insert into membership (organization_id, user_id, role, created_at, role_since) "
                        + "values (?, ?, 'OWNER', ?, ?)",
                organization,
                owner,
                T0,
                T0);
        update(
                "insert into membership (organization_id, user_id, role, created_at, role_since) "
                        + "values (?, ?, 'OWNER', ?, ?)",
                otherOrganization,
                owner,
                T0.plusSeconds(7200),
                T0.plusSeconds(7200));
        update(
                "insert into membership (organization_id, user_id, role, manage_org_access, created_at, role_since) "
                        + "values (?, ?, 'ADMIN', true, ?, ?)",
                organization,
                invited,
                T0,
                T0);
        update(
                "insert into invitation (id, organization_id, user_id, invited_by, created_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(),
                organization,
                invited,
                owner,
                T0,
                T0.plusSeconds(86400 * 7));
        UUID signIn = UUID.randomUUID();
        UUID mfaOn = UUID.randomUUID();
        UUID joined = UUID.randomUUID();
        for (UUID org : List.of(organization, otherOrganization)) {
            audit(signIn, org, owner, "account.signed-in", "192.0.2.1", T0.plusSeconds(3600));
            audit(mfaOn, org, owner, "enrollment.mfa-enabled", "192.0.2.2", T0.plusSeconds(3600));
        }
        audit(joined, organization, invited, "account.invitation-accepted", "192.0.2.3", T0.plusSeconds(60));

        flyway("latest").migrate();

        assertThat(column("select count(*) from membership where user_id = ?", invited))
                .containsExactly(0L);
        assertThat(column("select role || ':' || manage_org_access || ':' || email from invitation"))
                .containsExactly("ADMIN:true:ivy@example.test");
        assertThat(column("select organization_id from audit_entry where event_id = ?", signIn))
                .containsExactly((Object) null);
        assertThat(column("select client_ip from audit_entry where event_id = ?", signIn))
                .containsExactly("192.0.2.1");
        assertThat(column(
                        "select coalesce(organization_id::text, 'log') || ':' || coalesce(client_ip, '-') "
                                + "|| ':' || (details->>'clientIp' is not null) from audit_entry where event_id = ? order by 1",
                        mfaOn))
                .containsExactlyInAnyOrder("log:192.0.2.2:true", organization + ":-:false");
        assertThat(column("select client_ip from audit_entry where event_id = ?", joined))
                .containsExactly((Object) null);
    }
}
