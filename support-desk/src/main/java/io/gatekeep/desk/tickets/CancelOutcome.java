package io.gatekeep.desk.tickets;

import java.time.Instant;

/** What a cancel link (or a STOP reply) does to an approved reset, as a value; the web layer maps each to its code. */
public sealed interface CancelOutcome {

    /** The ticket is now {@code CANCELLED}: nothing will be reset, and everyone who was told of the approval is told. */
    record Cancelled(TicketReference reference) implements CancelOutcome {}

    /** Not a cancel token, or one the desk never issued ({@code invalid_token}). */
    record InvalidToken() implements CancelOutcome {}

    /** The token was used already or its reset time has passed ({@code token_expired}). */
    record TokenExpired(Instant expiredAt) implements CancelOutcome {}

    /** The ticket is no longer waiting for its reset: released to the worker, resolved, denied ({@code not_cancellable}). */
    record NotCancellable(TicketStatus status) implements CancelOutcome {}
}
