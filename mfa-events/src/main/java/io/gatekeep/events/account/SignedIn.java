package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A user obtained a full session; {@code method} says how. */
public record SignedIn(UUID userId, UUID sessionId, SignInMethod method, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public SignedIn {
        present(userId, "userId");
        present(sessionId, "sessionId");
        present(method, "method");
        textOrNull(clientIp, "clientIp");
    }

    /** The user signed in themselves. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
