package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.PendingSignup;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.events.account.SignupConfirmationResent;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What sign-in asks when an address has no account that can sign in: is there a signup waiting for confirmation whose
 * password this is? Only with the right password does the caller learn that the address is unconfirmed, and then the
 * confirmation email goes out again (at most once per {@link PendingSignup#RESEND_INTERVAL}, and within the client's
 * signup limit). Exactly one bcrypt comparison either way, so the answer takes as long as any other refusal.
 */
@Component
public class UnconfirmedSignups {

    private final PendingSignups pending;
    private final PasswordHasher passwords;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final SignupRateLimitProperties limits;

    UnconfirmedSignups(
            PendingSignups pending,
            PasswordHasher passwords,
            OutboxWriter outbox,
            TransactionalOperator tx,
            Clock clock,
            RateLimiter rateLimiter,
            SignupRateLimitProperties limits) {
        this.pending = pending;
        this.passwords = passwords;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    /**
     * Whether {@code password} is that of a pending signup for {@code email}; if so, resends its confirmation email
     * when allowed. False for no pending signup, or a wrong password.
     */
    public Mono<Boolean> isUnconfirmedWithPassword(String email, String password, String clientIp) {
        return pending.findByEmail(email)
                .flatMap(signup -> passwords
                        .matches(password, signup.passwordHash())
                        .flatMap(matched ->
                                matched ? resendIfDue(signup, clientIp).thenReturn(true) : Mono.just(false)))
                .switchIfEmpty(Mono.defer(() -> passwords.matches(password, null)));
    }

    private Mono<Void> resendIfDue(PendingSignup signup, String clientIp) {
        Instant now = clock.instant();
        if (!signup.mayResendAt(now)) {
            return Mono.empty();
        }
        return rateLimiter
                .hit(
                        "signup:network:" + ClientIps.networkOf(clientIp),
                        limits.perNetwork(),
                        new FixedWindow(limits.window()))
                .filter(decision -> decision.allowed())
                .flatMap(allowed -> tx.transactional(pending.markResent(signup, signup.resent(now))
                        .filter(Boolean::booleanValue)
                        .flatMap(won ->
                                outbox.append(new SignupConfirmationResent(signup.id(), signup.email(), clientIp)))))
                .then();
    }
}
