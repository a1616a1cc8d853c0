package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;

import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * A due support reset was not applied because a re-check at the moment of the reset failed; nothing changed. The desk
 * hands the ticket to an agent with {@code reason}. Keyed by ticket; {@code userId}, {@code organizationId} and
 * {@code approverUserId} are as the approval named them (null when it named none). Nobody caused it.
 */
public record MfaResetRefused(
        UUID ticketId, String reference, UUID userId, UUID organizationId, UUID approverUserId, Reason reason)
        implements UserEvent, OrganizationEvent {

    /** Which re-check failed. */
    public enum Reason {
        /** The ticket is no longer approved. */
        TICKET_NOT_APPROVED,
        /** The reset time has not come. */
        NOT_DUE_YET,
        /** The approving owner may no longer approve it. */
        APPROVER_NOT_ELIGIBLE,
        /** The account may no longer be reset. */
        REQUESTER_NOT_ELIGIBLE,
        /** The ticket names another account or organization than the approval. */
        TICKET_MISMATCH
    }

    public MfaResetRefused {
        present(ticketId, "ticketId");
        text(reference, "reference");
        present(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return ticketId.toString();
    }
}
