package io.gatekeep.desk.workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An owner receives at most {@code perDay} confirmation requests in any 24 hours (approval fatigue: the tenth request
 * of a day gets approved to make them stop). Counted in the database, as the tickets the owner was sent a
 * confirmation token for, and serialised per owner by a transaction-scoped advisory lock held until the caller's
 * transaction commits its new token: two desk replicas cannot both take the last place.
 */
public class ConfirmationBudget {

    private static final Duration WINDOW = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int perDay;

    public ConfirmationBudget(JdbcTemplate jdbc, Clock clock, int perDay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perDay = perDay;
    }

    /** Whether one more confirmation request may go to this approver now; call in the transaction that sends it. */
    boolean allows(UUID approverUserId) {
        jdbc.queryForObject(
                "select pg_advisory_xact_lock(hashtextextended(?, 13))",
                Object.class,
                "desk-confirmations:" + approverUserId);
        Integer sent = jdbc.queryForObject(
                """
                select count(distinct ticket_id) from desk_approval_token
                where approver_user_id = ? and created_at > ?""", Integer.class, approverUserId, Tickets.ts(clock.instant().minus(WINDOW)));
        return sent < perDay;
    }

    int perDay() {
        return perDay;
    }
}
