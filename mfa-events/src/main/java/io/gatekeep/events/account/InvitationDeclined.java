package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** The invited person declined an invitation with its token: no membership was made. */
public record InvitationDeclined(UUID organizationId, UUID userId, UUID invitationId, String clientIp)
        implements EventPayload {

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
