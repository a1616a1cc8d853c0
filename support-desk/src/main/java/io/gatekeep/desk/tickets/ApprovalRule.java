package io.gatekeep.desk.tickets;

import java.util.Optional;
import java.util.UUID;

/**
 * Four eyes for agents: an agent's approval takes effect only on a ticket with a recorded owner confirmation, or as
 * the second approval by a different agent. A ticket still waiting for its owner's answer cannot be approved over the
 * owner's head (an agent escalates it first, which is audited).
 */
public final class ApprovalRule {

    /** What one agent's approval does. */
    public enum Verdict {
        /** The approval takes effect: the ticket becomes {@code APPROVED} and its reset is scheduled. */
        APPROVE,
        /** Recorded as the first of two approvals: the ticket waits in {@code PENDING_SECOND_APPROVAL}. */
        FIRST_OF_TWO,
        /** The ticket waits for its owner's answer and has no owner confirmation. */
        OWNER_CONFIRMATION_REQUIRED,
        /** The agent who gave the first approval cannot give the second. */
        SAME_AGENT,
        /** The ticket's status allows no approval at all. */
        NOT_ALLOWED
    }

    private ApprovalRule() {}

    /**
     * @param ownerConfirmed whether the ticket records an owner's confirmation
     * @param firstApprover the agent of the first approval while the ticket is {@code PENDING_SECOND_APPROVAL}
     */
    public static Verdict decide(
            TicketStatus status, boolean ownerConfirmed, Optional<UUID> firstApprover, UUID agent) {
        if (status == TicketStatus.PENDING_SECOND_APPROVAL) {
            return firstApprover.filter(agent::equals).isPresent() ? Verdict.SAME_AGENT : Verdict.APPROVE;
        }
        if (!status.canMoveTo(TicketStatus.APPROVED) && status != TicketStatus.AWAITING_REQUESTER) {
            return Verdict.NOT_ALLOWED;
        }
        if (ownerConfirmed) {
            return status.canMoveTo(TicketStatus.APPROVED) ? Verdict.APPROVE : Verdict.NOT_ALLOWED;
        }
        if (status == TicketStatus.AWAITING_APPROVAL || status == TicketStatus.AWAITING_REQUESTER) {
            return Verdict.OWNER_CONFIRMATION_REQUIRED;
        }
        return Verdict.FIRST_OF_TWO;
    }
}
