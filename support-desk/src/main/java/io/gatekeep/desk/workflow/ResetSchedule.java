package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.ResetWindow;
import io.gatekeep.desk.tickets.TicketStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reset columns of {@code desk_ticket}: when a ticket was approved, when its reset is due and when it was released
 * to the worker, and the first agent of a four-eyes approval. Status moves still go through {@link Tickets#move}.
 */
public class ResetSchedule {

    private final JdbcTemplate jdbc;

    public ResetSchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A ticket whose reset is due, as the release publishes it. */
    record Due(UUID ticketId, String approvedVia, String agentId, Instant approvedAt, Instant resetAt) {}

    void scheduled(UUID ticketId, Instant approvedAt, Instant resetAt, String approvedVia) {
        jdbc.update("""
                update desk_ticket set approved_at = ?, reset_at = ?, approved_via = ?, reset_released_at = null,
                       first_approver_agent_id = null
                where id = ?""", Timestamp.from(approvedAt), Timestamp.from(resetAt), approvedVia, ticketId);
    }

    public ResetWindow window(UUID ticketId) {
        return jdbc.queryForObject(
                """
                select status, approved_at, reset_at, reset_released_at from desk_ticket where id = ?""",
                (rs, i) -> new ResetWindow(
                        TicketStatus.valueOf(rs.getString(1)), instant(rs, 2), instant(rs, 3), instant(rs, 4)),
                ticketId);
    }

    public void firstApproval(UUID ticketId, UUID agentId) {
        jdbc.update("update desk_ticket set first_approver_agent_id = ? where id = ?", agentId, ticketId);
    }

    public Optional<UUID> firstApprover(UUID ticketId) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select first_approver_agent_id from desk_ticket where id = ?", UUID.class, ticketId));
    }

    public void clearFirstApproval(UUID ticketId) {
        firstApproval(ticketId, null);
    }

    /** Locks up to {@code limit} approved tickets whose reset is due, skipping those another desk instance holds. */
    List<UUID> lockDue(Instant now, int limit) {
        return jdbc.queryForList("""
                select id from desk_ticket
                where status = 'APPROVED' and reset_released_at is null and reset_at <= ?
                order by reset_at limit ? for update skip locked""", UUID.class, Timestamp.from(now), limit);
    }

    Due due(UUID ticketId) {
        return jdbc.queryForObject(
                """
                select t.approved_via, t.approved_at, t.reset_at,
                       (select a.agent_id::text from desk_agent_action a
                        where a.ticket_id = t.id and a.action = 'APPROVE' order by a.created_at desc limit 1)
                from desk_ticket t where t.id = ?""",
                (rs, i) -> new Due(ticketId, rs.getString(1), rs.getString(4), instant(rs, 2), instant(rs, 3)),
                ticketId);
    }

    void released(UUID ticketId, Instant now) {
        jdbc.update("update desk_ticket set reset_released_at = ? where id = ?", Timestamp.from(now), ticketId);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
