package io.gatekeep.desk.tickets;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a recovery ticket and the only moves between them. {@code APPROVED} waits for its reset time (the
 * requester or an owner may still cancel it), then for the worker's {@code MfaDisabled}/{@code MfaResetNotNeeded}, or
 * goes back to an agent when the worker's re-check refuses the reset. {@code PENDING_SECOND_APPROVAL} holds one
 * agent's approval until a second, different agent completes it. {@code RESOLVED}, {@code DENIED}, {@code CANCELLED}
 * and {@code EXPIRED} are final.
 */
public enum TicketStatus {
    NEEDS_AGENT,
    AWAITING_REQUESTER,
    AWAITING_APPROVAL,
    PENDING_SECOND_APPROVAL,
    APPROVED,
    RESOLVED,
    DENIED,
    CANCELLED,
    EXPIRED;

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = Map.of(
            NEEDS_AGENT,
                    EnumSet.of(
                            AWAITING_REQUESTER,
                            AWAITING_APPROVAL,
                            PENDING_SECOND_APPROVAL,
                            APPROVED,
                            DENIED,
                            CANCELLED),
            AWAITING_REQUESTER, EnumSet.of(NEEDS_AGENT, AWAITING_APPROVAL, CANCELLED, EXPIRED, DENIED),
            AWAITING_APPROVAL, EnumSet.of(NEEDS_AGENT, APPROVED, DENIED, CANCELLED, EXPIRED),
            PENDING_SECOND_APPROVAL, EnumSet.of(APPROVED, DENIED, NEEDS_AGENT, CANCELLED),
            APPROVED, EnumSet.of(RESOLVED, CANCELLED, NEEDS_AGENT),
            RESOLVED, EnumSet.noneOf(TicketStatus.class),
            DENIED, EnumSet.noneOf(TicketStatus.class),
            CANCELLED, EnumSet.noneOf(TicketStatus.class),
            EXPIRED, EnumSet.noneOf(TicketStatus.class));

    public boolean canMoveTo(TicketStatus target) {
        return ALLOWED.get(this).contains(target);
    }

    /** @throws IllegalTicketTransition naming this state when the move is not allowed */
    public Transition moveTo(TicketStatus target, String actor, String reason) {
        if (!canMoveTo(target)) {
            throw new IllegalTicketTransition(this, target);
        }
        return new Transition(this, target, actor, reason);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Open tickets a requester's STOP can cancel. */
    public boolean isCancellable() {
        return canMoveTo(CANCELLED);
    }
}
