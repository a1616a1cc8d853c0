package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.Directory;
import io.gatekeep.desk.tickets.RequestEvaluation.ReadyForConfirmation;
import io.gatekeep.desk.tickets.TicketReference;
import io.gatekeep.desk.tickets.TicketStatus;
import io.gatekeep.desk.tickets.Transition;
import io.gatekeep.events.support.SupportTicketTransitioned;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code desk_ticket} rows. Every status change goes through {@link #move}, which checks the state machine, writes
 * the row (guarded by the status it read) and records {@code SupportTicketTransitioned} in the same transaction.
 */
public class Tickets {

    private static final String COLUMNS = """
            id, reference, status, status_reason, requester_address, user_id, requester_email, requester_name,
            organization_id, organization_name, approver_user_id, approver_email, approver_name, approver_role,
            clarification_sent, owner_confirmed_at, created_at, updated_at, expires_at""";

    private final JdbcTemplate jdbc;
    private final JdbcOutboxWriter outbox;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public Tickets(JdbcTemplate jdbc, JdbcOutboxWriter outbox, Clock clock, Duration ttl) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Inserts a ticket directly in {@code status}; call {@link #announceOpened} once its parties are assigned, in the
     * same transaction (the event's from-status is {@code NEW}).
     */
    public TicketRow open(String requesterAddress, TicketStatus status, String reason) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        for (int attempt = 0; ; attempt++) {
            TicketReference reference = TicketReference.random(random);
            // The new row comes back from the insert itself (and stays locked by it): one statement, not two.
            Optional<TicketRow> inserted = jdbc
                    .query(
                            """
                    insert into desk_ticket (id, reference, status, status_reason, requester_address, created_at,
                                             updated_at, expires_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (reference) do nothing""" + " returning " + COLUMNS,
                            Tickets::row,
                            id,
                            reference.value(),
                            status.name(),
                            reason,
                            requesterAddress,
                            ts(now),
                            ts(now),
                            ts(now.plus(ttl)))
                    .stream()
                    .findFirst();
            if (inserted.isPresent()) {
                return inserted.get();
            }
            if (attempt > 20) {
                throw new IllegalStateException("no free ticket reference after 20 attempts");
            }
        }
    }

    public void announceOpened(TicketRow ticket, String actor) {
        outbox.append(new SupportTicketTransitioned(
                ticket.id(),
                ticket.reference().value(),
                "NEW",
                ticket.status().name(),
                ticket.userId(),
                ticket.organizationId(),
                actor,
                ticket.statusReason()));
    }

    public Optional<TicketRow> lock(UUID id) {
        return jdbc.query("select " + COLUMNS + " from desk_ticket where id = ? for update", Tickets::row, id).stream()
                .findFirst();
    }

    /**
     * The requester's open ticket, locked. Serialised per address across desk instances by a transaction-scoped
     * advisory lock, so two requests from one address cannot both open a ticket; the partial unique index
     * {@code desk_ticket_one_open_per_requester} is the backstop. Open means not final.
     */
    public Optional<TicketRow> lockOpenOf(String requesterAddress) {
        jdbc.queryForObject(
                "select pg_advisory_xact_lock(hashtextextended(?, 11))",
                Object.class,
                "desk-requester:" + requesterAddress);
        return jdbc.query("select " + COLUMNS + """
                 from desk_ticket
                where requester_address = ? and single_open
                  and status not in ('RESOLVED', 'DENIED', 'CANCELLED', 'EXPIRED')
                for update""", Tickets::row, requesterAddress).stream()
                .findFirst();
    }

    public Optional<TicketRow> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from desk_ticket where id = ?", Tickets::row, id).stream()
                .findFirst();
    }

    public Optional<UUID> idByReference(TicketReference reference) {
        return jdbc
                .queryForList("select id from desk_ticket where reference = ?", UUID.class, reference.value())
                .stream()
                .findFirst();
    }

    /** Tickets whose recorded messages (either direction) have one of these Message-IDs. */
    public List<UUID> idsByMessageIds(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                select distinct ticket_id from desk_message
                where ticket_id is not null and message_id = any(?)""", UUID.class, (Object) messageIds.toArray(String[]::new));
    }

    public TicketRow move(TicketRow ticket, TicketStatus target, String actor, String reason) {
        Transition transition = ticket.status().moveTo(target, actor, reason);
        TicketRow moved = updateReturning(
                        """
                update desk_ticket set status = ?, status_reason = ?, updated_at = ?, version = version + 1
                where id = ? and status = ?""",
                        target.name(),
                        reason,
                        ts(clock.instant()),
                        ticket.id(),
                        ticket.status().name())
                .orElseThrow(() -> new IllegalStateException("ticket " + ticket.reference() + " changed concurrently"));
        outbox.append(new SupportTicketTransitioned(
                ticket.id(),
                ticket.reference().value(),
                transition.from().name(),
                transition.to().name(),
                ticket.userId(),
                ticket.organizationId(),
                actor,
                reason));
        return moved;
    }

    public TicketRow assignParties(TicketRow ticket, ReadyForConfirmation ready) {
        return updateReturning(
                        """
                update desk_ticket set user_id = ?, requester_email = ?, requester_name = ?, organization_id = ?,
                       organization_name = ?, approver_user_id = ?, approver_email = ?, approver_name = ?,
                       approver_role = ?, updated_at = ?
                where id = ?""",
                        ready.requester().userId(),
                        ready.requester().email().toLowerCase(),
                        ready.requester().displayName(),
                        ready.organizationId(),
                        ready.organizationName(),
                        ready.approver().userId(),
                        ready.approver().email().toLowerCase(),
                        ready.approver().displayName(),
                        ready.role().name(),
                        ts(clock.instant()),
                        ticket.id())
                .orElseThrow();
    }

    /** Records who the registered requester is on a ticket an agent will decide (no approver yet). */
    public TicketRow assignRequester(TicketRow ticket, Directory.User requester) {
        return updateReturning(
                        """
                update desk_ticket set user_id = ?, requester_email = ?, requester_name = ?, updated_at = ?
                where id = ?""",
                        requester.userId(),
                        requester.email().toLowerCase(),
                        requester.displayName(),
                        ts(clock.instant()),
                        ticket.id())
                .orElseThrow();
    }

    /** Runs an update of one ticket and reads the row as written, in the same statement (the row stays locked). */
    private Optional<TicketRow> updateReturning(String update, Object... args) {
        return jdbc.query(update + " returning " + COLUMNS, Tickets::row, args).stream()
                .findFirst();
    }

    public void markClarificationSent(UUID ticketId) {
        jdbc.update("update desk_ticket set clarification_sent = true where id = ?", ticketId);
    }

    public void markOwnerConfirmed(UUID ticketId) {
        jdbc.update("update desk_ticket set owner_confirmed_at = ? where id = ?", ts(clock.instant()), ticketId);
    }

    /** Locks up to {@code limit} waiting tickets past their expiry, skipping those another instance holds. */
    public List<TicketRow> lockExpired(int limit) {
        return jdbc.query("select " + COLUMNS + """
                 from desk_ticket
                where status in ('AWAITING_REQUESTER', 'AWAITING_APPROVAL') and expires_at <= ?
                order by expires_at limit ? for update skip locked""", Tickets::row, ts(clock.instant()), limit);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static TicketRow row(ResultSet rs, int index) throws SQLException {
        return new TicketRow(
                rs.getObject("id", UUID.class),
                new TicketReference(rs.getString("reference")),
                TicketStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("requester_address"),
                rs.getObject("user_id", UUID.class),
                rs.getString("requester_email"),
                rs.getString("requester_name"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("organization_name"),
                rs.getObject("approver_user_id", UUID.class),
                rs.getString("approver_email"),
                rs.getString("approver_name"),
                rs.getString("approver_role"),
                rs.getBoolean("clarification_sent"),
                instant(rs, "owner_confirmed_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "expires_at"));
    }
}
