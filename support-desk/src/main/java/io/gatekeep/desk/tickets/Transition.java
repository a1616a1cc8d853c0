package io.gatekeep.desk.tickets;

/**
 * One move of a ticket. {@code actor}: {@code SYSTEM}, {@code REQUESTER}, {@code OWNER}, {@code AGENT:<id>};
 * {@code reason}: a short machine-readable cause.
 */
public record Transition(TicketStatus from, TicketStatus to, String actor, String reason) {}
