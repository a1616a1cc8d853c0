package io.gatekeep.events.support;

import io.gatekeep.events.EventPayload;
import java.time.Instant;
import java.util.UUID;

/**
 * A support reset is due: the ticket was approved at {@code approvedAt} (by the owner's reply, or by agents) and
 * nobody cancelled it before {@code resetAt}, when the desk publishes this. The worker re-checks everything with the
 * system of record before it turns MFA off. {@code approvedVia}: {@code OWNER_REPLY} or {@code AGENT};
 * {@code approverUserId} is the owner named on the ticket (null when agents approved without one).
 */
public record MfaResetApproved(
        UUID ticketId,
        String reference,
        UUID userId,
        UUID organizationId,
        UUID approverUserId,
        String approvedVia,
        String agentId,
        Instant approvedAt,
        Instant resetAt)
        implements EventPayload {

    @Override
    public UUID actorUserId() {
        return approverUserId;
    }

    @Override
    public String clientIp() {
        return null;
    }

    @Override
    public String partitionKey() {
        return ticketId.toString();
    }
}
