package io.gatekeep.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An organization of many members seeded straight into the schema, for the enforcement benchmarks: an owner with MFA
 * and {@code members} members {@code fan-<n>@bench.test}, the even-numbered ones with an MFA credential (a placeholder
 * secret: nobody signs in with it).
 */
public record LargeOrganization(UUID organizationId, UUID ownerId, int membersWithoutMfa) {

    public static LargeOrganization seed(DataSource dataSource, String name, int members) {
        UUID organization = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            update(
                    connection,
                    "insert into organization (id, name, created_at) values (?, ?, now())",
                    organization,
                    name);
            update(
                    connection,
                    "insert into app_user (id, email, display_name, status, created_at) "
                            + "values (?, ?, 'Bench Owner', 'ACTIVE', now())",
                    owner,
                    "owner-" + organization + "@bench.test");
            update(
                    connection,
                    "insert into membership (organization_id, user_id, role, created_at, role_since) "
                            + "values (?, ?, 'OWNER', now(), now())",
                    organization,
                    owner);
            update(connection, """
                    insert into app_user (id, email, display_name, status, created_at)
                    select gen_random_uuid(), 'fan-' || g || '@bench.test', 'Bench ' || g, 'ACTIVE', now()
                    from generate_series(1, ?) g""", members);
            update(
                    connection,
                    "insert into membership (organization_id, user_id, role, created_at, role_since) "
                            + "select ?, id, 'MEMBER', now(), now() from app_user where email like 'fan-%@bench.test'",
                    organization);
            update(connection, """
                    insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext,
                                                created_at, enabled_at)
                    select gen_random_uuid(), id, 'bench', '\\x00'::bytea, '\\x00'::bytea, now(), now()
                    from app_user where id = ? or (email like 'fan-%@bench.test'
                      and (substring(email from 'fan-([0-9]+)@')::int % 2) = 0)""", owner);
            update(connection, "analyze");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed the organization", e);
        }
        return new LargeOrganization(organization, owner, members - members / 2);
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }
}
