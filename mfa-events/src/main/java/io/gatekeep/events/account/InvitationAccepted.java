package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** An invited person set a password and became an active member. */
public record InvitationAccepted(UUID organizationId, UUID userId, UUID invitationId, String clientIp)
        implements EventPayload {

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
