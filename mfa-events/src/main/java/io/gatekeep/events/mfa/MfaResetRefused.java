package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * A due support reset was not applied because a re-check at the moment of the reset failed; nothing changed. The desk
 * hands the ticket to an agent with {@code reason}: {@code TICKET_NOT_APPROVED}, {@code NOT_DUE_YET},
 * {@code APPROVER_NOT_ELIGIBLE}, {@code REQUESTER_NOT_ELIGIBLE} or {@code TICKET_MISMATCH}.
 */
public record MfaResetRefused(
        UUID ticketId, String reference, UUID userId, UUID organizationId, UUID approverUserId, String reason)
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
