package io.gatekeep.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The relay's SQL on {@code outbox_event}, all on the leader's connection (auto-commit). */
final class OutboxStore {

    private OutboxStore() {}

    /**
     * The oldest pending rows that are not in flight, due or not: the relay needs the rows that are not due yet too,
     * to hold back later events with the same key and so keep their order. No row locks: only the leader (see
     * {@link RelayLeadership}) reads and marks rows. Rows already sent and awaiting Kafka's acknowledgement are
     * excluded by {@code seq} rather than by a lower bound, so that a row which committed late with a lower
     * {@code seq} is still picked up.
     */
    static List<OutboxRow> pending(Connection connection, int limit, Collection<Long> inFlight) throws SQLException {
        String sql = """
                select seq, event_id, topic, partition_key, event_type, source, subject, occurred_at, schema_version,
                       payload::text, attempts, next_attempt_at
                from outbox_event
                where status = 'PENDING' and not (seq = any(?))
                order by seq
                limit ?
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", inFlight.toArray(Long[]::new)));
            statement.setInt(2, limit);
            try (ResultSet result = statement.executeQuery()) {
                List<OutboxRow> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(new OutboxRow(
                            result.getLong(1),
                            result.getObject(2, UUID.class),
                            result.getString(3),
                            result.getString(4),
                            result.getString(5),
                            result.getString(6),
                            result.getString(7),
                            result.getObject(8, OffsetDateTime.class).toInstant(),
                            result.getInt(9),
                            result.getString(10),
                            result.getInt(11),
                            result.getObject(12, OffsetDateTime.class).toInstant()));
                }
                return rows;
            }
        }
    }

    static void markPublished(Connection connection, List<OutboxRow> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Array seqs = connection.createArrayOf(
                "bigint", rows.stream().map(OutboxRow::seq).toArray(Long[]::new));
        try (PreparedStatement statement = connection.prepareStatement(
                "update outbox_event set status = 'PUBLISHED', published_at = ?, last_error = null "
                        + "where seq = any(?)")) {
            statement.setObject(1, utc(now));
            statement.setArray(2, seqs);
            statement.executeUpdate();
        }
    }

    static void markFailed(Connection connection, OutboxRow row, Instant nextAttemptAt, String error)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update outbox_event set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where seq = ?")) {
            statement.setObject(1, utc(nextAttemptAt));
            statement.setString(2, error);
            statement.setLong(3, row.seq());
            statement.executeUpdate();
        }
    }

    /** Sets a row aside for an operator, who lists and releases it ({@link io.gatekeep.outbox.blocked.BlockedEvents}). */
    static void markBlocked(Connection connection, OutboxRow row, String error) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update outbox_event set status = 'BLOCKED', attempts = attempts + 1, last_error = ? where seq = ?")) {
            statement.setString(1, error);
            statement.setLong(2, row.seq());
            statement.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
