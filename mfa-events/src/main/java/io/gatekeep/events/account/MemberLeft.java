package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A member left an organization of their own accord. */
public record MemberLeft(UUID organizationId, UUID userId, String role, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public MemberLeft {
        present(organizationId, "organizationId");
        present(userId, "userId");
        text(role, "role");
        textOrNull(clientIp, "clientIp");
    }

    /** The member left themselves. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
