package io.gatekeep.api.passwords;

import io.gatekeep.api.accounts.PasswordHasher;
import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.events.account.PasswordChanged;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The signed-in holder changes their password: they must know the current one, and an account with MFA must act from
 * a session whose second factor was verified within the step-up window ({@link #secondFactorSatisfied}, the one place that rule lives here).
 * The account's other sessions end, its reset links die, and {@code PasswordChanged} is recorded, in one transaction.
 * Attempts are limited per account, so a stolen session cannot guess the current password.
 */
@Component
class PasswordChangeService {

    private final Users users;
    private final PasswordResets resets;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final StepUpGuard stepUp;
    private final RateLimiter rateLimiter;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final PasswordRateLimitProperties limits;
    private final FixedWindow window;

    PasswordChangeService(
            Users users,
            PasswordResets resets,
            PasswordHasher passwords,
            Sessions sessions,
            StepUpGuard stepUp,
            RateLimiter rateLimiter,
            OutboxWriter outbox,
            TransactionalOperator tx,
            PasswordRateLimitProperties limits) {
        this.users = users;
        this.resets = resets;
        this.passwords = passwords;
        this.sessions = sessions;
        this.stepUp = stepUp;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.tx = tx;
        this.limits = limits;
        this.window = new FixedWindow(limits.window());
    }

    sealed interface Outcome {
        record Changed() implements Outcome {}

        /** The account has MFA and this session was not verified with it. */
        record SecondFactorRequired() implements Outcome {}

        record WrongCurrentPassword() implements Outcome {}

        record RateLimited(Duration retryAfter) implements Outcome {}
    }

    Mono<Outcome> change(CurrentSession session, String currentPassword, String newPassword, String clientIp) {
        return secondFactorSatisfied(session)
                .flatMap(satisfied -> !satisfied
                        ? Mono.<Outcome>just(new Outcome.SecondFactorRequired())
                        : rateLimiter
                                .hit("password-change:account:" + session.userId(), limits.changePerAccount(), window)
                                .flatMap(decision -> decision instanceof RateLimitDecision.Exceeded e
                                        ? Mono.<Outcome>just(new Outcome.RateLimited(e.retryAfter()))
                                        : verifyAndChange(session, currentPassword, newPassword, clientIp)));
    }

    /**
     * Whether the session may change the password: any full session of an account without MFA; with MFA, only one
     * whose second factor was verified within the step-up window ({@link StepUpGuard}).
     */
    Mono<Boolean> secondFactorSatisfied(CurrentSession session) {
        return stepUp.isSatisfiedIfMfa(session.sessionId(), session.userId());
    }

    private Mono<Outcome> verifyAndChange(
            CurrentSession session, String currentPassword, String newPassword, String clientIp) {
        return users.findById(session.userId())
                .flatMap(account -> passwords
                        .matches(currentPassword, account.passwordHash())
                        .flatMap(matched -> !matched
                                ? Mono.<Outcome>just(new Outcome.WrongCurrentPassword())
                                : passwords
                                        .hash(newPassword)
                                        .flatMap(hash -> tx.transactional(users.replacePasswordHash(
                                                        account.id(), account.passwordHash(), hash)
                                                .flatMap(replaced -> !replaced
                                                        // changed by a concurrent request since it was read: try again
                                                        ? Mono.<Outcome>just(new Outcome.WrongCurrentPassword())
                                                        : resets.deleteAllOf(account.id())
                                                                .then(sessions.revokeAll(
                                                                        account.id(), session.sessionId()))
                                                                .flatMap(ended -> outbox.append(new PasswordChanged(
                                                                        account.id(),
                                                                        PasswordChanged.Via.CHANGE,
                                                                        ended,
                                                                        clientIp)))
                                                                .thenReturn(new Outcome.Changed()))))));
    }
}
