package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * A signed-in session passed its second factor again ({@code POST /api/v1/auth/step-up}): sensitive actions are open
 * to it for the step-up window.
 */
public record StepUpSucceeded(UUID userId, UUID sessionId, SecondFactor method, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public StepUpSucceeded {
        present(userId, "userId");
        present(sessionId, "sessionId");
        present(method, "method");
        textOrNull(clientIp, "clientIp");
    }

    /** The user passed it. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
