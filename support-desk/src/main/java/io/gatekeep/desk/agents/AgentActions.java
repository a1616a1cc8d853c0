package io.gatekeep.desk.agents;

import io.gatekeep.desk.agents.DeskProblem.Code;
import io.gatekeep.desk.tickets.TicketStatus;
import io.gatekeep.desk.workflow.AgentSupport;
import io.gatekeep.desk.workflow.TicketRow;
import io.gatekeep.desk.workflow.Tickets;
import io.gatekeep.events.support.MfaResetApproved;
import io.gatekeep.events.support.SupportTicketTransitioned;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agents' actions, each in one transaction with its audit row ({@code desk_agent_action}) and its event. Approval
 * always needs a written justification (at least 20 characters) and a ticket whose user, organization and approver are
 * known; it publishes {@code MfaResetApproved} with {@code approvedVia AGENT} and the agent's id.
 */
class AgentActions {

    static final int MIN_JUSTIFICATION = 20;

    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final AgentSupport support;
    private final JdbcOutboxWriter outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    AgentActions(TransactionTemplate transaction, Tickets tickets, AgentSupport support, JdbcOutboxWriter outbox,
                 JdbcTemplate jdbc, Clock clock) {
        this.transaction = transaction;
        this.tickets = tickets;
        this.support = support;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    TicketStatus approve(UUID ticketId, UUID agentId, String justification) {
        if (justification == null || justification.strip().length() < MIN_JUSTIFICATION) {
            throw new DeskProblem(Code.JUSTIFICATION_REQUIRED, "approving needs a justification of at least "
                    + MIN_JUSTIFICATION + " characters saying how the owner's confirmation was obtained");
        }
        return transaction.execute(status -> {
            TicketRow ticket = locked(ticketId);
            allowed(ticket, TicketStatus.APPROVED);
            if (!ticket.hasParties()) {
                throw new DeskProblem(Code.TICKET_INCOMPLETE, "user, organization and approver must be known");
            }
            support.retireTokens(ticket.id());
            TicketRow approved = tickets.move(ticket, TicketStatus.APPROVED, actor(agentId), "AGENT_APPROVED");
            outbox.append(new MfaResetApproved(approved.id(), approved.reference().value(), approved.userId(),
                    approved.organizationId(), approved.approverUserId(), "AGENT", agentId.toString()));
            audit(ticket, agentId, "APPROVE", justification, approved.status());
            return approved.status();
        });
    }

    TicketStatus deny(UUID ticketId, UUID agentId, String reason) {
        return transaction.execute(status -> {
            TicketRow ticket = locked(ticketId);
            allowed(ticket, TicketStatus.DENIED);
            support.retireTokens(ticket.id());
            TicketRow denied = tickets.move(ticket, TicketStatus.DENIED, actor(agentId), "AGENT_DENIED");
            support.tellRequesterDenied(denied);
            audit(ticket, agentId, "DENY", reason, denied.status());
            return denied.status();
        });
    }

    TicketStatus escalate(UUID ticketId, UUID agentId, String note) {
        return transaction.execute(status -> {
            TicketRow ticket = locked(ticketId);
            allowed(ticket, TicketStatus.NEEDS_AGENT);
            TicketRow escalated = tickets.move(ticket, TicketStatus.NEEDS_AGENT, actor(agentId), "AGENT_ESCALATED");
            audit(ticket, agentId, "ESCALATE", note, escalated.status());
            return escalated.status();
        });
    }

    /** A note changes no status; it is audited and announced as a transition to the same status. */
    TicketStatus note(UUID ticketId, UUID agentId, String text) {
        if (text == null || text.isBlank()) {
            throw new DeskProblem(Code.TEXT_REQUIRED, "a note needs text");
        }
        return transaction.execute(status -> {
            TicketRow ticket = locked(ticketId);
            outbox.append(new SupportTicketTransitioned(ticket.id(), ticket.reference().value(), ticket.status().name(),
                    ticket.status().name(), ticket.userId(), ticket.organizationId(), actor(agentId), "AGENT_NOTE"));
            audit(ticket, agentId, "NOTE", text, ticket.status());
            return ticket.status();
        });
    }

    private TicketRow locked(UUID ticketId) {
        return tickets.lock(ticketId).orElseThrow(() -> new DeskProblem(Code.TICKET_NOT_FOUND, "no ticket " + ticketId));
    }

    private static void allowed(TicketRow ticket, TicketStatus target) {
        if (!ticket.status().canMoveTo(target)) {
            throw new DeskProblem(Code.TRANSITION_NOT_ALLOWED, "a ticket in " + ticket.status() + " cannot move to " + target);
        }
    }

    private static String actor(UUID agentId) {
        return "AGENT:" + agentId;
    }

    private void audit(TicketRow ticket, UUID agentId, String action, String text, TicketStatus to) {
        jdbc.update("""
                insert into desk_agent_action (id, ticket_id, agent_id, action, text, from_status, to_status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), ticket.id(), agentId, action, text,
                ticket.status().name(), to.name(), Timestamp.from(clock.instant()));
    }
}
