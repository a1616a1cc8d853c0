package io.gatekeep.worker.mfa;

import io.gatekeep.credentials.SetupExpiry;
import io.gatekeep.events.mfa.MfaSetupExpired;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes setup sessions their user abandoned: makes the {@link SetupExpiry} (PENDING past {@code expires_at} becomes
 * EXPIRED, the sealed secret erased), ends the auth session that started each setup (as the API does when a call
 * finds the setup expired) and records {@code MfaSetupExpired}, all in one transaction per batch. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and only PENDING rows change, so several worker instances (and an API call expiring
 * the same setup) never expire one twice.
 */
public class SetupSweep {

    private static final Logger log = LoggerFactory.getLogger(SetupSweep.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate statements;
    private final JdbcOutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;

    SetupSweep(
            JdbcTemplate jdbc, JdbcOutboxWriter outbox, TransactionTemplate transaction, Clock clock, int batchSize) {
        this.jdbc = jdbc;
        this.statements = new NamedParameterJdbcTemplate(jdbc);
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    private record Expired(UUID setupId, UUID userId, UUID authSessionId, Instant expiresAt) {}

    /** Expires every abandoned setup due now, batch by batch; answers how many this call expired. */
    public int sweepExpired() {
        int total = 0;
        int expired;
        do {
            expired = transaction.execute(status -> sweepBatch());
            total += expired;
        } while (expired == batchSize);
        if (total > 0) {
            log.info("Expired {} abandoned MFA setup session(s)", total);
        }
        return total;
    }

    private int sweepBatch() {
        Timestamp now = Timestamp.from(clock.instant());
        List<Expired> expired = statements.query(
                SetupExpiry.EXPIRE_DUE.sql(),
                Map.of("now", now, "batch", batchSize),
                (row, i) -> new Expired(
                        row.getObject(1, UUID.class),
                        row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class),
                        row.getTimestamp(4).toInstant()));
        if (expired.isEmpty()) {
            return 0;
        }
        UUID[] sessions = expired.stream().map(Expired::authSessionId).toArray(UUID[]::new);
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "update auth_session set revoked_at = ? where id = any(?) and revoked_at is null");
            statement.setTimestamp(1, now);
            statement.setArray(2, connection.createArrayOf("uuid", sessions));
            return statement;
        });
        outbox.appendAll(expired.stream()
                .map(setup -> new MfaSetupExpired(setup.userId(), setup.setupId(), setup.expiresAt()))
                .toList());
        return expired.size();
    }
}
