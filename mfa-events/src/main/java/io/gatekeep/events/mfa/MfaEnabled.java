package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** Setup completed: the user's authenticator credential is active and a recovery code was issued. */
public record MfaEnabled(UUID userId, UUID credentialId, UUID setupId, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public MfaEnabled {
        present(userId, "userId");
        present(credentialId, "credentialId");
        present(setupId, "setupId");
        textOrNull(clientIp, "clientIp");
    }

    /** The user completed their own setup. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
