package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** The account's one recovery code was used to sign in (MFA is disabled by the same transaction). */
public record RecoveryCodeUsed(UUID userId, UUID credentialId, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    public RecoveryCodeUsed {
        present(userId, "userId");
        present(credentialId, "credentialId");
        textOrNull(clientIp, "clientIp");
    }

    /** The user used it. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
