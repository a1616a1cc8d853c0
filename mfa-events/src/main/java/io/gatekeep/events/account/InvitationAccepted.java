package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** An invited person accepted (a new account with its password, an existing one signed in) and became a member. */
public record InvitationAccepted(UUID organizationId, UUID userId, UUID invitationId, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public InvitationAccepted {
        present(organizationId, "organizationId");
        present(userId, "userId");
        present(invitationId, "invitationId");
        textOrNull(clientIp, "clientIp");
    }

    /** The invited person accepted themselves. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
