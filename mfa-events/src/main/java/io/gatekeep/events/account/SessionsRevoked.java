package io.gatekeep.events.account;

import static io.gatekeep.events.Require.notNegative;
import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * Sessions of an account ended together (not a plain sign-out). Account activity: it goes to the account's security
 * log only, never to an organization's audit.
 *
 * @param sessionId     the one session ended when the account holder named it; null when several ended together
 * @param keptSessionId the session that stays (the caller's own, or the one a recovery-code sign-in just issued); null
 *                      when every session ended
 * @param count         how many live sessions ended
 * @param reason        why they ended
 * @param actorUserId   who asked (the account holder, an approving owner for a support reset), or null for the system
 *                      (a support reset that agents approved without an owner)
 * @param clientIp      the client IP of the request; null for a support reset, which no request caused
 */
public record SessionsRevoked(
        UUID userId, UUID sessionId, UUID keptSessionId, long count, Reason reason, UUID actorUserId, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    /** Why sessions ended together. */
    public enum Reason {
        /** The account holder ended them from the session list. */
        USER_REQUEST,
        /** A sign-in or step-up with the recovery code ended every other session. */
        RECOVERY_CODE,
        /** An approved support reset turned MFA off. */
        SUPPORT_RESET,
        /** A password reset. */
        PASSWORD_RESET,
        /** A password change. */
        PASSWORD_CHANGED
    }

    public SessionsRevoked {
        present(userId, "userId");
        notNegative(count, "count");
        present(reason, "reason");
        textOrNull(clientIp, "clientIp");
    }
}
