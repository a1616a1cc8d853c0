package io.gatekeep.events.support;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A support reset is due: the ticket was approved at {@code approvedAt} (by the owner's reply, or by agents) and
 * nobody cancelled it before {@code resetAt}, when the desk publishes this. The worker re-checks everything with the
 * system of record before it turns MFA off. {@code approverUserId} is the owner named on the ticket (null when agents
 * approved without one); {@code agentId} the agent who approved, if one did. No request caused it.
 */
public record MfaResetApproved(
        UUID ticketId,
        String reference,
        UUID userId,
        UUID organizationId,
        UUID approverUserId,
        Via approvedVia,
        String agentId,
        Instant approvedAt,
        Instant resetAt)
        implements UserEvent, OrganizationEvent, ActorEvent {

    /** Who approved the reset. */
    public enum Via {
        /** The organization's owner, by replying to the desk's email. */
        OWNER_REPLY,
        /** Support agents. */
        AGENT
    }

    public MfaResetApproved {
        present(ticketId, "ticketId");
        text(reference, "reference");
        present(userId, "userId");
        present(organizationId, "organizationId");
        present(approvedVia, "approvedVia");
        present(approvedAt, "approvedAt");
        present(resetAt, "resetAt");
    }

    /** The approving owner; null when agents approved without one. */
    @Override
    public UUID actorUserId() {
        return approverUserId;
    }

    @Override
    public String partitionKey() {
        return ticketId.toString();
    }
}
