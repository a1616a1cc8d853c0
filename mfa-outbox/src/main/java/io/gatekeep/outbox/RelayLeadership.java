package io.gatekeep.outbox;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to publish: a session-level advisory lock on one connection, held for as long as this relay leads.
 *
 * <p>All of the leader's statements (reading pending rows, marking them) run on that same connection, so a relay whose
 * connection broke, and with it the lock, can no longer mark anything: a relay that took over re-sends at worst (a
 * duplicate consumers absorb). A transaction-scoped lock per round would not allow overlapping rounds.
 */
final class RelayLeadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    /**
     * Key of the advisory lock that elects the one relay allowed to publish ("gatekeep" in ASCII). Every service's
     * relay uses the same key, so exactly one relay publishes at a time in the whole deployment. (Session- and
     * transaction-level advisory locks on one key exclude each other, so a relay of the previous, round-per-transaction
     * version cannot publish alongside this one during a rolling upgrade.)
     */
    static final long LOCK_KEY = 0x676174656b656570L;

    private final DataSource dataSource;
    private final Connection connection;

    private RelayLeadership(DataSource dataSource, Connection connection) {
        this.dataSource = dataSource;
        this.connection = connection;
    }

    /** Leadership, or null when another relay holds it. */
    static RelayLeadership tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            if (call(connection, "select pg_try_advisory_lock(?)")) {
                return new RelayLeadership(dataSource, connection);
            }
            connection.close();
            return null;
        } catch (SQLException | RuntimeException e) {
            discard(dataSource, connection);
            throw e;
        }
    }

    /** The leader's connection, in auto-commit mode: every statement on it runs while the lock is held. */
    Connection connection() {
        return connection;
    }

    /**
     * Unlocks and gives the connection back. A pooled connection must never go back still holding the lock (whoever
     * borrowed it next would lead without knowing), so one that cannot be unlocked is evicted from the pool.
     */
    @Override
    public void close() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            call(connection, "select pg_advisory_unlock(?)");
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not release the relay lock cleanly; discarding its connection", e);
            discard(dataSource, connection);
        }
    }

    private static void discard(DataSource dataSource, Connection connection) {
        try {
            if (dataSource instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            } else {
                // Aborting closes the physical connection, which ends the session and so releases the lock.
                connection.abort(Runnable::run);
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Discarding the relay's connection failed", e);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
