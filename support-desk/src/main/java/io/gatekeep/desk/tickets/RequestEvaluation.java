package io.gatekeep.desk.tickets;

import java.util.UUID;

/** What a reset request (or a requester's follow-up) leads to, as a value. */
public sealed interface RequestEvaluation {

    /** Everything is known: ask {@code approver} to confirm the reset of {@code requester} in {@code organizationId}. */
    record ReadyForConfirmation(Directory.User requester, UUID organizationId, String organizationName,
                                Directory.Person approver, ApproverRole role) implements RequestEvaluation {}

    /** The requester must do something; {@code explanation} says exactly what, in the reply. */
    record NeedsRequester(String reason, String explanation) implements RequestEvaluation {}

    /** Nothing the requester can fix by mail: an agent decides. */
    record NeedsAgent(String reason) implements RequestEvaluation {}

    enum ApproverRole { OWNER, MANAGER }
}
