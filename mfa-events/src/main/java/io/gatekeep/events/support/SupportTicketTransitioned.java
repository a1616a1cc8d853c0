package io.gatekeep.events.support;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * A support ticket moved from one state to another. {@code actor} names who moved it ({@code SYSTEM},
 * {@code REQUESTER}, {@code OWNER}, {@code AGENT:<id>}); {@code reason} is a short machine-readable cause.
 */
public record SupportTicketTransitioned(
        UUID ticketId,
        String reference,
        String fromStatus,
        String toStatus,
        UUID userId,
        UUID organizationId,
        String actor,
        String reason)
        implements EventPayload {

    @Override
    public UUID actorUserId() {
        return null;
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
