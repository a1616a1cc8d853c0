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
import java.util.List;
import java.util.UUID;

/** The relay's SQL on {@code outbox_event}, all on the connection of the current round's transaction. */
final class OutboxStore {

    /**
     * Key of the transaction-scoped advisory lock that elects the one relay allowed to publish ("gatekeep" in
     * ASCII). Every service's relay uses the same key, so exactly one round runs at a time in the whole deployment.
     */
    static final long RELAY_LOCK_KEY = 0x676174656b656570L;

    private OutboxStore() {
    }

    static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            statement.setLong(1, RELAY_LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /**
     * The oldest pending rows, due or not: the relay needs the rows that are not due yet too, to hold back later
     * events with the same key and so keep their order.
     */
    static List<OutboxRow> lockPending(Connection connection, int limit) throws SQLException {
        String sql = """
                select seq, event_id, topic, partition_key, event_type, source, subject, occurred_at, schema_version,
                       payload::text, attempts, next_attempt_at
                from outbox_event
                where status = 'PENDING'
                order by seq
                limit ?
                for update skip locked
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, limit);
            try (ResultSet result = statement.executeQuery()) {
                List<OutboxRow> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(new OutboxRow(result.getLong(1), result.getObject(2, UUID.class), result.getString(3),
                            result.getString(4), result.getString(5), result.getString(6), result.getString(7),
                            result.getObject(8, OffsetDateTime.class).toInstant(), result.getInt(9),
                            result.getString(10), result.getInt(11),
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
        Array seqs = connection.createArrayOf("bigint", rows.stream().map(OutboxRow::seq).toArray(Long[]::new));
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

    /** Sets a row aside for an operator ({@code update outbox_event set status = 'PENDING' ...} releases it). */
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
