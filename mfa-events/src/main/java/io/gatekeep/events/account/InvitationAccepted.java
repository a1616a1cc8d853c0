package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** An invited person accepted (a new account with its password, an existing one signed in) and became a member. */
public record InvitationAccepted(UUID organizationId, UUID userId, UUID invitationId, String clientIp)
        implements EventPayload {

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
