package io.gatekeep.desk.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Read models of the agents' API: the queue and a ticket with its thread, checks and audited actions. */
class TicketQueries {

    record Summary(
            UUID id,
            String reference,
            String status,
            String statusReason,
            String requester,
            String organization,
            Instant createdAt,
            Instant expiresAt) {}

    record Page(List<Summary> items, int page, int size, long total) {}

    record ThreadMessage(
            String direction,
            String kind,
            String from,
            String recipient,
            String subject,
            String body,
            JsonNode checks,
            Instant at) {}

    record Action(
            UUID agentId, String agent, String action, String text, String fromStatus, String toStatus, Instant at) {}

    record Detail(
            UUID id,
            String reference,
            String status,
            String statusReason,
            String requesterAddress,
            UUID userId,
            String requesterEmail,
            String requesterName,
            UUID organizationId,
            String organizationName,
            UUID approverUserId,
            String approverEmail,
            String approverName,
            String approverRole,
            Instant ownerConfirmedAt,
            Instant createdAt,
            Instant expiresAt,
            List<ThreadMessage> thread,
            List<Action> actions,
            Instant approvedAt,
            Instant resetAt,
            String approvedVia,
            Instant resetReleasedAt) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    TicketQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page queue(String status, int page, int size) {
        List<Summary> items = jdbc.query(
                """
                select id, reference, status, status_reason, coalesce(requester_email, requester_address),
                       organization_name, created_at, expires_at
                from desk_ticket where status = ? order by created_at, id limit ? offset ?""",
                (rs, i) -> new Summary(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs, 7),
                        instant(rs, 8)),
                status,
                size,
                (long) page * size);
        Long total = jdbc.queryForObject("select count(*) from desk_ticket where status = ?", Long.class, status);
        return new Page(items, page, size, total == null ? 0 : total);
    }

    Optional<Detail> ticket(UUID id) {
        List<ThreadMessage> thread = jdbc.query(
                """
                select direction, kind, from_address, recipient, subject, body_text, checks::text, created_at
                from desk_message where ticket_id = ? order by created_at, direction""",
                (rs, i) -> new ThreadMessage(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        json.readTree(rs.getString(7)),
                        instant(rs, 8)),
                id);
        List<Action> actions = jdbc.query(
                """
                select a.agent_id, g.username, a.action, a.text, a.from_status, a.to_status, a.created_at
                from desk_agent_action a join desk_agent g on g.id = a.agent_id
                where a.ticket_id = ? order by a.created_at""",
                (rs, i) -> new Action(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs, 7)),
                id);
        return jdbc.queryForList("select * from desk_ticket where id = ?", id).stream()
                .findFirst()
                .map(row -> detail(row, thread, actions));
    }

    private static Detail detail(Map<String, Object> r, List<ThreadMessage> thread, List<Action> actions) {
        return new Detail(
                (UUID) r.get("id"),
                (String) r.get("reference"),
                (String) r.get("status"),
                (String) r.get("status_reason"),
                (String) r.get("requester_address"),
                (UUID) r.get("user_id"),
                (String) r.get("requester_email"),
                (String) r.get("requester_name"),
                (UUID) r.get("organization_id"),
                (String) r.get("organization_name"),
                (UUID) r.get("approver_user_id"),
                (String) r.get("approver_email"),
                (String) r.get("approver_name"),
                (String) r.get("approver_role"),
                at(r.get("owner_confirmed_at")),
                at(r.get("created_at")),
                at(r.get("expires_at")),
                thread,
                actions,
                at(r.get("approved_at")),
                at(r.get("reset_at")),
                (String) r.get("approved_via"),
                at(r.get("reset_released_at")));
    }

    private static Instant at(Object value) {
        return value instanceof Timestamp ts
                ? ts.toInstant()
                : value instanceof java.time.OffsetDateTime odt ? odt.toInstant() : null;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
