package io.gatekeep.api.passwords;

import io.gatekeep.api.accounts.PasswordHasher;
import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.passwords.model.PasswordReset;
import io.gatekeep.api.ratelimit.MailRateLimit;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.events.account.PasswordResetRequested;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Password reset through the address. {@link #request}: an active account gets a reset (its link is emailed by the
 * worker); any other address gets nothing, with the same answer. {@link #confirm}: the link's token sets the new
 * password, deletes every reset of the account and ends every session, in one transaction with
 * {@code PasswordChanged}. MFA is untouched: the next sign-in still asks for the second factor.
 */
@Component
@EnableConfigurationProperties(PasswordRateLimitProperties.class)
class PasswordResetService {

    private final Users users;
    private final PasswordResets resets;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final MailRateLimit rateLimit;

    PasswordResetService(
            Users users,
            PasswordResets resets,
            PasswordHasher passwords,
            Sessions sessions,
            OutboxWriter outbox,
            TransactionalOperator tx,
            Clock clock,
            RateLimiter rateLimiter,
            PasswordRateLimitProperties limits) {
        this.users = users;
        this.resets = resets;
        this.passwords = passwords;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.rateLimit = new MailRateLimit(
                rateLimiter, "password-reset", limits.resetPerNetwork(), limits.resetPerAddress(), limits.window());
    }

    sealed interface Outcome {
        /** Asked (an email goes out only for an active account), or done. */
        record Done() implements Outcome {}

        record RateLimited(Duration retryAfter) implements Outcome {}

        /** No open reset has this token: never issued, or used (any of the account's links) already. */
        record InvalidToken() implements Outcome {}

        record TokenExpired() implements Outcome {}
    }

    Mono<Outcome> request(String email, String clientIp) {
        return rateLimit
                .hit(clientIp, email)
                .flatMap(decision -> decision instanceof RateLimitDecision.Exceeded e
                        ? Mono.<Outcome>just(new Outcome.RateLimited(e.retryAfter()))
                        : tx.transactional(users.findByEmail(email)
                                .filter(UserAccount::canSignInWithPassword)
                                .flatMap(account ->
                                        resets.insert(PasswordReset.issue(account.id(), clock.instant()), clientIp))
                                .flatMap(reset -> outbox.append(new PasswordResetRequested(
                                        reset.userId(), reset.id(), reset.expiresAt(), clientIp)))
                                .thenReturn(new Outcome.Done())));
    }

    Mono<Outcome> confirm(String token, String newPassword, String clientIp) {
        // hash before the transaction, so the row lock is held only for the writes
        return passwords
                .hash(newPassword)
                .flatMap(hash -> tx.transactional(resets.lockByTokenHash(SessionTokens.sha256(token))
                        .flatMap(reset -> reset.isExpiredAt(clock.instant())
                                ? Mono.<Outcome>just(new Outcome.TokenExpired())
                                : users.lockById(reset.userId())
                                        .flatMap(account ->
                                                users.replacePasswordHash(account.id(), account.passwordHash(), hash))
                                        .then(resets.deleteAllOf(reset.userId()))
                                        .then(sessions.revokeAll(reset.userId(), null))
                                        .flatMap(ended -> outbox.append(new PasswordChanged(
                                                reset.userId(), PasswordChanged.Via.RESET, ended, clientIp)))
                                        .thenReturn(new Outcome.Done()))
                        .defaultIfEmpty(new Outcome.InvalidToken())));
    }
}
