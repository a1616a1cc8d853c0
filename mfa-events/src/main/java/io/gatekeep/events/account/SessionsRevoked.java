package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * Sessions of an account ended together (not a plain sign-out). Account activity: it goes to the account's security
 * log only, never to an organization's audit.
 *
 * @param sessionId     the one session ended when the account holder named it; null when several ended together
 * @param keptSessionId the session that stays (the caller's own, or the one a recovery-code sign-in just issued); null
 *                      when every session ended
 * @param count         how many live sessions ended
 * @param reason        why: {@code USER_REQUEST}, {@code RECOVERY_CODE}, {@code SUPPORT_RESET},
 *                      {@code PASSWORD_RESET}, {@code PASSWORD_CHANGED} …
 * @param actorUserId   who asked (the account holder, an approving owner for a support reset), or null for the system
 */
public record SessionsRevoked(
        UUID userId, UUID sessionId, UUID keptSessionId, long count, String reason, UUID actorUserId, String clientIp)
        implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }
}
