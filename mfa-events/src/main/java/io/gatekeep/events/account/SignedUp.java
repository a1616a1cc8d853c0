package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A new organization was created together with its first owner. */
public record SignedUp(
        UUID organizationId, String organizationName, UUID userId, String email, String displayName, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public SignedUp {
        present(organizationId, "organizationId");
        text(organizationName, "organizationName");
        present(userId, "userId");
        text(email, "email");
        textOrNull(clientIp, "clientIp");
    }

    /** The owner signed up themselves. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
