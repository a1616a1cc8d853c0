package io.gatekeep.desk.tickets;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a recovery ticket and the only moves between them. {@code APPROVED} waits for the worker's
 * {@code MfaDisabled}/{@code MfaResetNotNeeded}; {@code RESOLVED}, {@code DENIED}, {@code CANCELLED} and
 * {@code EXPIRED} are final.
 */
public enum TicketStatus {
    NEEDS_AGENT,
    AWAITING_REQUESTER,
    AWAITING_APPROVAL,
    APPROVED,
    RESOLVED,
    DENIED,
    CANCELLED,
    EXPIRED;

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = Map.of(
            NEEDS_AGENT, EnumSet.of(AWAITING_REQUESTER, AWAITING_APPROVAL, APPROVED, DENIED, CANCELLED),
            AWAITING_REQUESTER, EnumSet.of(NEEDS_AGENT, AWAITING_APPROVAL, CANCELLED, EXPIRED, DENIED),
            AWAITING_APPROVAL, EnumSet.of(NEEDS_AGENT, APPROVED, DENIED, CANCELLED, EXPIRED),
            APPROVED, EnumSet.of(RESOLVED),
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
