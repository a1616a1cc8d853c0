package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A user ended a session. */
public record SignedOut(UUID userId, UUID sessionId, String clientIp) implements UserEvent, ActorEvent, RequestEvent {

    public SignedOut {
        present(userId, "userId");
        present(sessionId, "sessionId");
        textOrNull(clientIp, "clientIp");
    }

    /** The user signed out themselves. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
