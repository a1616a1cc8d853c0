package io.gatekeep.desk.tickets;

/** A move the state machine does not allow; a programming or concurrency error, never a business outcome. */
public final class IllegalTicketTransition extends RuntimeException {

    private final TicketStatus from;

    public IllegalTicketTransition(TicketStatus from, TicketStatus to) {
        super("a ticket in " + from + " cannot move to " + to);
        this.from = from;
    }

    public TicketStatus from() {
        return from;
    }
}
