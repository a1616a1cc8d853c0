package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** An owner or admin withdrew an open invitation before it was answered. */
public record InvitationCancelled(
        UUID organizationId, UUID userId, UUID invitationId, UUID actorUserId, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public InvitationCancelled {
        present(organizationId, "organizationId");
        present(userId, "userId");
        present(invitationId, "invitationId");
        present(actorUserId, "actorUserId");
        textOrNull(clientIp, "clientIp");
    }
}
