package io.gatekeep.desk.tickets;

import java.util.List;

/** What an owner's reply leads to; every variant carries the checks made, for the ticket's record. */
public sealed interface ReplyOutcome {

    List<Check> checks();

    record Approve(List<Check> checks) implements ReplyOutcome {}

    record Deny(List<Check> checks) implements ReplyOutcome {}

    /** The reply passed every check but says neither yes nor no: one clarification, with a fresh token. */
    record Clarify(List<Check> checks) implements ReplyOutcome {}

    /**
     * The token already took its decision (or was retired with its ticket): the reply is recorded on the thread and
     * changes nothing, so a replayed or repeated answer can neither approve nor disturb the ticket.
     */
    record Ignore(String reason, List<Check> checks) implements ReplyOutcome {}

    /** A check failed, or a second unclear answer: recorded and handed to an agent, never approved. */
    record Escalate(String reason, List<Check> checks) implements ReplyOutcome {}
}
