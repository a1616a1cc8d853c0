package io.gatekeep.desk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** V7_4 on tickets written before it: requesters who already had several open tickets keep them all. */
class OneOpenTicketMigrationTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final TestDatabase database = TestPostgres.get().newDatabase();

    @Test
    void theNewestOpenTicketHoldsTheRequestersPlaceAndOlderOnesStayOpenForAnAgent() {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .target("7.2")
                .load()
                .migrate();
        UUID older = ticket("twice@acme.example", "NEEDS_AGENT", T0, "MFA-22222");
        UUID newer = ticket("twice@acme.example", "AWAITING_APPROVAL", T0.plusSeconds(60), "MFA-33333");
        UUID closed = ticket("twice@acme.example", "RESOLVED", T0.plusSeconds(120), "MFA-44444");
        UUID alone = ticket("once@acme.example", "AWAITING_REQUESTER", T0, "MFA-55555");

        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .load()
                .migrate();

        assertThat(column("select id from desk_ticket where single_open order by reference"))
                .containsExactly(newer, closed, alone);
        assertThat(column("select status from desk_ticket where id = ?", older)).containsExactly("NEEDS_AGENT");
        assertThatThrownBy(() -> ticket("twice@acme.example", "NEEDS_AGENT", T0.plusSeconds(180), "MFA-66666"))
                .hasMessageContaining("desk_ticket_one_open_per_requester");
    }

    private UUID ticket(String address, String status, Instant at, String reference) {
        UUID id = UUID.randomUUID();
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("""
                     insert into desk_ticket (id, reference, status, requester_address, created_at, updated_at,
                                              expires_at) values (?, ?, ?, ?, ?, ?, ?)""")) {
            statement.setObject(1, id);
            statement.setString(2, reference);
            statement.setString(3, status);
            statement.setString(4, address);
            statement.setTimestamp(5, Timestamp.from(at));
            statement.setTimestamp(6, Timestamp.from(at));
            statement.setTimestamp(7, Timestamp.from(at.plusSeconds(3600)));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return id;
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
}
