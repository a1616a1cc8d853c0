package io.gatekeep.desk.tickets;

import java.util.UUID;

/** What a reset request (or a requester's follow-up) leads to, as a value. */
public sealed interface RequestEvaluation {

    /** Everything is known: ask {@code approver} to confirm the reset of {@code requester} in {@code organizationId}. */
    record ReadyForConfirmation(
            Directory.User requester,
            UUID organizationId,
            String organizationName,
            Directory.Person approver,
            ApproverRole role)
            implements RequestEvaluation {}

    /** The requester must do something; {@code explanation} says exactly what, in the reply. */
    record NeedsRequester(String reason, String explanation) implements RequestEvaluation {}

    /**
     * Nothing the requester can fix by mail: an agent decides. {@code requester} is the registered account when the
     * directory knows it (the requester is then told an agent will review the request), null otherwise.
     */
    record NeedsAgent(String reason, Directory.User requester) implements RequestEvaluation {
        public NeedsAgent(String reason) {
            this(reason, null);
        }
    }

    /** Only {@code OWNER} is assigned now; {@code MANAGER} remains for tickets opened when managers could confirm. */
    enum ApproverRole {
        OWNER,
        MANAGER
    }
}
