package io.gatekeep.api.sessions;

import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.events.account.SessionsRevoked;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Ends the sessions of an account together with their {@code SessionsRevoked} event, in one transaction (joining the
 * caller's when there is one): a recovery-code sign-in, a password reset or change, or the account holder's own
 * "sign out everywhere else".
 */
@Component
public class SessionRevocations {

    private final Sessions sessions;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    SessionRevocations(Sessions sessions, OutboxWriter outbox, TransactionalOperator tx) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
    }

    /**
     * Revokes every live session of {@code userId} but {@code keptSessionIdOrNull} (null: all) and, when any ended,
     * records why; answers how many ended.
     */
    public Mono<Long> endAll(UUID userId, UUID keptSessionIdOrNull, SessionsRevoked.Reason reason, String clientIp) {
        Mono<Long> work = sessions.revokeAll(userId, keptSessionIdOrNull)
                .flatMap(count -> count == 0
                        ? Mono.just(count)
                        : outbox.append(new SessionsRevoked(
                                        userId, null, keptSessionIdOrNull, count, reason, userId, clientIp))
                                .thenReturn(count));
        return tx.transactional(work);
    }

    /** Revokes one live full session of {@code userId}; false when it is not theirs or already over. */
    public Mono<Boolean> endOne(UUID userId, UUID sessionId, UUID callerSessionId, String clientIp) {
        Mono<Boolean> work = sessions.revokeOwn(userId, sessionId)
                .flatMap(revoked -> !revoked
                        ? Mono.just(false)
                        : outbox.append(new SessionsRevoked(
                                        userId,
                                        sessionId,
                                        sessionId.equals(callerSessionId) ? null : callerSessionId,
                                        1,
                                        SessionsRevoked.Reason.USER_REQUEST,
                                        userId,
                                        clientIp))
                                .thenReturn(true));
        return tx.transactional(work);
    }
}
