package io.gatekeep.desk.agents;

import io.gatekeep.desk.agents.DeskProblem.Code;
import io.gatekeep.desk.tickets.ApprovalRule;
import io.gatekeep.desk.tickets.TicketStatus;
import io.gatekeep.desk.workflow.AgentSupport;
import io.gatekeep.desk.workflow.DelayedReset;
import io.gatekeep.desk.workflow.ResetSchedule;
import io.gatekeep.desk.workflow.TicketRow;
import io.gatekeep.desk.workflow.Tickets;
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
 * known, and follows the four-eyes rule; once it takes effect the reset is scheduled like an owner's approval, and
 * {@code MfaResetApproved} (approvedVia {@code AGENT}, the completing agent's id) is published at the reset time.
 */
class AgentActions {

    static final int MIN_JUSTIFICATION = 20;

    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final AgentSupport support;
    private final JdbcOutboxWriter outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DelayedReset delayedReset;
    private final ResetSchedule schedule;

    AgentActions(
            TransactionTemplate transaction,
            Tickets tickets,
            AgentSupport support,
            JdbcOutboxWriter outbox,
            JdbcTemplate jdbc,
            Clock clock,
            DelayedReset delayedReset,
            ResetSchedule schedule) {
        this.transaction = transaction;
        this.tickets = tickets;
        this.support = support;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
        this.delayedReset = delayedReset;
        this.schedule = schedule;
    }

    /**
     * Four eyes ({@link ApprovalRule}): with an owner's confirmation on record, or as the second approval by a
     * different agent, the ticket becomes {@code APPROVED} and its reset is scheduled after the delay. Otherwise a
     * ticket the agents decide alone records this as the first approval ({@code PENDING_SECOND_APPROVAL}, committed
     * and audited) and the call answers {@code second_approval_required}.
     */
    TicketStatus approve(UUID ticketId, UUID agentId, String justification) {
        if (justification == null || justification.strip().length() < MIN_JUSTIFICATION) {
            throw new DeskProblem(
                    Code.JUSTIFICATION_REQUIRED,
                    "approving needs a justification of at least " + MIN_JUSTIFICATION
                            + " characters saying how the requester's identity was confirmed");
        }
        ApprovalRule.Verdict verdict = transaction.execute(status -> {
            TicketRow ticket = locked(ticketId);
            ApprovalRule.Verdict decided = ApprovalRule.decide(
                    ticket.status(), ticket.ownerConfirmedAt() != null, schedule.firstApprover(ticket.id()), agentId);
            if (decided == ApprovalRule.Verdict.NOT_ALLOWED) {
                throw new DeskProblem(
                        Code.TRANSITION_NOT_ALLOWED, "a ticket in " + ticket.status() + " cannot be approved");
            }
            if (decided == ApprovalRule.Verdict.OWNER_CONFIRMATION_REQUIRED) {
                throw new DeskProblem(
                        Code.OWNER_CONFIRMATION_REQUIRED,
                        "the ticket waits for its owner's answer; "
                                + "escalate it first to decide it without the owner");
            }
            if (decided == ApprovalRule.Verdict.SAME_AGENT) {
                throw new DeskProblem(Code.SAME_AGENT, "the second approval must come from a different agent");
            }
            if (!ticket.hasParties()) {
                throw new DeskProblem(Code.TICKET_INCOMPLETE, "user, organization and approver must be known");
            }
            if (decided == ApprovalRule.Verdict.FIRST_OF_TWO) {
                TicketRow pending = tickets.move(
                        ticket, TicketStatus.PENDING_SECOND_APPROVAL, actor(agentId), "AGENT_FIRST_APPROVAL");
                schedule.firstApproval(ticket.id(), agentId);
                audit(ticket, agentId, "FIRST_APPROVAL", justification, pending.status());
                return decided;
            }
            support.retireTokens(ticket.id());
            boolean fourEyes = ticket.status() == TicketStatus.PENDING_SECOND_APPROVAL;
            TicketRow approved = delayedReset.approve(
                    ticket,
                    actor(agentId),
                    fourEyes ? "AGENT_SECOND_APPROVAL" : "AGENT_APPROVED_OWNER_CONFIRMED",
                    "AGENT",
                    fourEyes
                            ? "two support agents"
                            : "a support agent, after " + ticket.approverName() + "'s confirmation");
            audit(ticket, agentId, "APPROVE", justification, approved.status());
            return decided;
        });
        if (verdict == ApprovalRule.Verdict.FIRST_OF_TWO) {
            throw new DeskProblem(
                    Code.SECOND_APPROVAL_REQUIRED,
                    "recorded as the first approval: the ticket is "
                            + "PENDING_SECOND_APPROVAL until a different agent approves it");
        }
        return TicketStatus.APPROVED;
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
            if (ticket.status() == TicketStatus.APPROVED
                    && !schedule.window(ticket.id()).stoppableAt(clock.instant())) {
                throw new DeskProblem(Code.TRANSITION_NOT_ALLOWED, "the reset was released to the worker already");
            }
            schedule.clearFirstApproval(ticket.id());
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
            outbox.append(new SupportTicketTransitioned(
                    ticket.id(),
                    ticket.reference().value(),
                    ticket.status().name(),
                    ticket.status().name(),
                    ticket.userId(),
                    ticket.organizationId(),
                    actor(agentId),
                    "AGENT_NOTE"));
            audit(ticket, agentId, "NOTE", text, ticket.status());
            return ticket.status();
        });
    }

    private TicketRow locked(UUID ticketId) {
        return tickets.lock(ticketId)
                .orElseThrow(() -> new DeskProblem(Code.TICKET_NOT_FOUND, "no ticket " + ticketId));
    }

    private static void allowed(TicketRow ticket, TicketStatus target) {
        if (!ticket.status().canMoveTo(target)) {
            throw new DeskProblem(
                    Code.TRANSITION_NOT_ALLOWED, "a ticket in " + ticket.status() + " cannot move to " + target);
        }
    }

    private static String actor(UUID agentId) {
        return "AGENT:" + agentId;
    }

    private void audit(TicketRow ticket, UUID agentId, String action, String text, TicketStatus to) {
        jdbc.update(
                """
                insert into desk_agent_action (id, ticket_id, agent_id, action, text, from_status, to_status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID(),
                ticket.id(),
                agentId,
                action,
                text,
                ticket.status().name(),
                to.name(),
                Timestamp.from(clock.instant()));
    }
}
