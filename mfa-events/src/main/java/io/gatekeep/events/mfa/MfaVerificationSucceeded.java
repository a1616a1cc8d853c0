package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A second factor was accepted. */
public record MfaVerificationSucceeded(UUID userId, UUID credentialId, SecondFactor method, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public MfaVerificationSucceeded {
        present(userId, "userId");
        present(credentialId, "credentialId");
        present(method, "method");
        textOrNull(clientIp, "clientIp");
    }

    /** The user passed it. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
