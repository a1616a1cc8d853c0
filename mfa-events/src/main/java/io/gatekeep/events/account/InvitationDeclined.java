package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** The invited person declined an invitation with its token: no membership was made. */
public record InvitationDeclined(UUID organizationId, UUID userId, UUID invitationId, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public InvitationDeclined {
        present(organizationId, "organizationId");
        present(userId, "userId");
        present(invitationId, "invitationId");
        textOrNull(clientIp, "clientIp");
    }

    /** The invited person declined themselves. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
