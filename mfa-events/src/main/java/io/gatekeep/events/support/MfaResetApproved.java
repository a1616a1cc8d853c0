package io.gatekeep.events.support;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * An owner (or an authorized member, or an agent after an owner's confirmation) approved a support request to disable
 * MFA; the worker disables it. {@code approvedVia}: {@code OWNER_REPLY}, {@code IN_PRODUCT} or {@code AGENT}.
 */
public record MfaResetApproved(UUID ticketId, String reference, UUID userId, UUID organizationId,
                               UUID approverUserId, String approvedVia, String agentId) implements EventPayload {

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
