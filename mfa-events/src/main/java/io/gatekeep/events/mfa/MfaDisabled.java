package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * MFA was turned off on an account.
 *
 * @param ticketId    the support ticket, set for (and only for) a support reset
 * @param actorUserId who turned it off (the account holder, or the owner who approved a support reset); null when
 *                    agents approved a support reset without an owner
 * @param clientIp    the client IP of the request; null for a support reset, which no request caused
 */
public record MfaDisabled(
        UUID userId, UUID credentialId, Reason reason, UUID actorUserId, UUID ticketId, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    /** Why MFA was turned off. */
    public enum Reason {
        /** The account holder turned it off. */
        USER_REQUEST,
        /** The recovery code was used. */
        RECOVERY_CODE,
        /** Support reset it after the lost recovery code was reported and approved. */
        SUPPORT_RESET
    }

    public MfaDisabled {
        present(userId, "userId");
        present(credentialId, "credentialId");
        present(reason, "reason");
        if ((reason == Reason.SUPPORT_RESET) != (ticketId != null)) {
            throw new IllegalArgumentException("ticketId is set for, and only for, a support reset");
        }
        textOrNull(clientIp, "clientIp");
    }
}
