package io.gatekeep.api.sessions;

import static io.gatekeep.events.account.SignInFailed.Reason.BAD_PASSWORD;
import static io.gatekeep.events.account.SignInFailed.Reason.NOT_ACTIVE;
import static io.gatekeep.events.account.SignInFailed.Reason.RATE_LIMITED;

import io.gatekeep.api.accounts.PasswordHasher;
import io.gatekeep.api.accounts.UnconfirmedSignups;
import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.EmailAddress;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.Limit;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.account.SignInFailed;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Password sign-in. Rate limits are counted first (in the statement that also finds the account, on its own, so they
 * hold even when the sign-in fails) and taken back when the password matches: only failed attempts count, per client
 * network, per account and network, and per account ({@link SignInRateLimitProperties}). A one-request sign-in passes
 * a {@link SignInAtOnce}, which may complete the sign-in the moment the password matched; the two-step form tries the
 * {@link ChallengeAtOnce} there, which hands a user with MFA their challenge in the same statement that takes the
 * hits back. Unknown emails, invited users without a password and wrong passwords all run one bcrypt comparison and
 * get the same {@link SignInOutcome.InvalidCredentials}; only failures of known users are recorded as events.
 */
@Component
@EnableConfigurationProperties(SignInRateLimitProperties.class)
public class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);

    private final Users users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final RateLimiter rateLimiter;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final List<SecondFactorCheck> secondFactorChecks;
    private final SignInRateLimitProperties limits;
    private final FixedWindow window;
    private final UnconfirmedSignups unconfirmedSignups;
    private final Optional<ChallengeAtOnce> challengeAtOnce;

    SignInService(
            Users users,
            PasswordHasher passwords,
            Sessions sessions,
            RateLimiter rateLimiter,
            OutboxWriter outbox,
            TransactionalOperator tx,
            List<SecondFactorCheck> secondFactorChecks,
            SignInRateLimitProperties limits,
            UnconfirmedSignups unconfirmedSignups,
            Optional<ChallengeAtOnce> challengeAtOnce) {
        this.unconfirmedSignups = unconfirmedSignups;
        this.challengeAtOnce = challengeAtOnce;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.tx = tx;
        this.secondFactorChecks = List.copyOf(secondFactorChecks);
        this.limits = limits;
        this.window = new FixedWindow(limits.window());
    }

    public Mono<SignInOutcome> signIn(String email, String password, String clientIp) {
        return signIn(email, password, clientIp, null);
    }

    /**
     * A password sign-in that, once the password matched, first lets {@code atOnce} try to complete it (the
     * one-request form); every other case goes exactly as {@link #signIn(String, String, String)}.
     *
     * @param atOnce null for none
     */
    public Mono<SignInOutcome> signIn(String email, String password, String clientIp, SignInAtOnce atOnce) {
        String normalized = EmailAddress.normalize(email);
        return countAttemptAndFind(normalized, clientIp).flatMap(found -> {
            Optional<UserAccount> user = found.read();
            RateLimiter.Counted counted = found.counted();
            return counted.decision() instanceof RateLimitDecision.Exceeded exceeded
                    ? rateLimited(user, exceeded.retryAfter(), clientIp)
                    : verify(user, normalized, password, clientIp, counted, atOnce);
        });
    }

    /**
     * Issues a full session and records {@code SignedIn}, joining the caller's transaction if there is one. The MFA
     * sign-in calls this once the second factor is verified.
     *
     * @param method how the user proved who they are
     */
    public Mono<SignInOutcome.Authenticated> completeSignIn(
            UUID userId, SignInMethod method, boolean mfaVerified, String clientIp) {
        Mono<SignInOutcome.Authenticated> work = sessions.issue(userId, SessionKind.FULL, mfaVerified, clientIp)
                .flatMap(session -> outbox.append(new SignedIn(userId, session.sessionId(), method, clientIp))
                        .thenReturn(new SignInOutcome.Authenticated(userId, session)));
        return tx.transactional(work);
    }

    /**
     * Completes a sign-in whose second factor was just verified, in the caller's transaction: issues an MFA-verified
     * full session ({@link Sessions#issueMfaVerified}) and records {@code factorEvents}, then {@code SignedIn}, with
     * one outbox insert.
     */
    public Mono<SignInOutcome.Authenticated> completeMfaSignIn(
            UUID userId,
            SignInMethod method,
            Instant mfaVerifiedAt,
            boolean viaRecoveryCode,
            List<EventPayload> factorEvents,
            String clientIp) {
        return sessions.issueMfaVerified(userId, mfaVerifiedAt, viaRecoveryCode, clientIp)
                .flatMap(session -> {
                    List<EventPayload> events = new ArrayList<>(factorEvents);
                    events.add(new SignedIn(userId, session.sessionId(), method, clientIp));
                    return outbox.appendAll(events).thenReturn(new SignInOutcome.Authenticated(userId, session));
                });
    }

    /**
     * Counts the attempt on all three limits before the password is checked (so concurrent guesses cannot all slip
     * under a limit), and finds the account, in one statement; a sign-in whose password matches takes its hits back.
     */
    private Mono<RateLimiter.WithRead<UserAccount>> countAttemptAndFind(String normalizedEmail, String clientIp) {
        String network = ClientIps.networkOf(clientIp);
        return rateLimiter.hitAllWith(
                List.of(
                        new Limit("sign-in:network:" + network, limits.perNetwork()),
                        new Limit(
                                "sign-in:account-network:" + normalizedEmail + " " + network,
                                limits.perAccountAndNetwork()),
                        new Limit("sign-in:account:" + normalizedEmail, limits.perAccount())),
                window,
                Users.byEmail(normalizedEmail));
    }

    private Mono<SignInOutcome> verify(
            Optional<UserAccount> user,
            String email,
            String password,
            String clientIp,
            RateLimiter.Counted counted,
            SignInAtOnce atOnce) {
        if (user.filter(UserAccount::canSignInWithPassword).isEmpty()) {
            // no account that can sign in: perhaps a signup waiting for its address (same single bcrypt comparison)
            return unconfirmedSignups
                    .isUnconfirmedWithPassword(email, password, clientIp)
                    .flatMap(unconfirmed -> unconfirmed
                            ? counted.refund().thenReturn((SignInOutcome) new SignInOutcome.EmailNotVerified())
                            : recordFailure(user, user.isPresent() ? NOT_ACTIVE : null, clientIp)
                                    .thenReturn(new SignInOutcome.InvalidCredentials()));
        }
        String hash = user.get().passwordHash();
        return passwords.matches(password, hash).flatMap(matched -> {
            if (matched && atOnce != null && !passwords.needsUpgrade(hash)) {
                // the one-request form takes the hits back in its own first statement
                return orElseSucceed(atOnce.attempt(user.get(), counted.refundCarried()), user.get(), clientIp);
            }
            if (matched && challengeAtOnce.isPresent() && !passwords.needsUpgrade(hash)) {
                // the two-step form's common case (MFA on) in one statement with the refund
                return orElseSucceed(
                        challengeAtOnce.get().challenge(user.get(), clientIp, counted.refundCarried()),
                        user.get(),
                        clientIp);
            }
            if (matched) {
                // the right password is no failed attempt: its hits are taken back while the sign-in completes
                return upgradeHash(user.get(), password)
                        .then(succeed(user.get(), clientIp))
                        .zipWith(counted.refund().thenReturn(true), (outcome, refunded) -> outcome);
            }
            SignInFailed.Reason reason = user.map(u -> u.canSignInWithPassword() ? BAD_PASSWORD : NOT_ACTIVE)
                    .orElse(null);
            return recordFailure(user, reason, clientIp).thenReturn(new SignInOutcome.InvalidCredentials());
        });
    }

    /** The shortcut's answer, or else the usual sign-in without refunding again (the shortcut carried the refund). */
    private Mono<SignInOutcome> orElseSucceed(
            Mono<? extends Optional<? extends SignInOutcome>> shortcut, UserAccount user, String clientIp) {
        return shortcut.flatMap(
                answer -> answer.<Mono<SignInOutcome>>map(Mono::just).orElseGet(() -> succeed(user, clientIp)));
    }

    /** Re-hashes a password whose hash is weaker than configured, now that the password is known to be right. */
    private Mono<Void> upgradeHash(UserAccount user, String password) {
        if (!passwords.needsUpgrade(user.passwordHash())) {
            return Mono.empty();
        }
        return passwords
                .hash(password)
                .flatMap(stronger -> users.replacePasswordHash(user.id(), user.passwordHash(), stronger))
                .doOnError(e -> log.warn("Could not upgrade the password hash of user {}", user.id(), e))
                .onErrorComplete()
                .then();
    }

    private Mono<SignInOutcome> succeed(UserAccount user, String clientIp) {
        Mono<SignInOutcome> work = Flux.fromIterable(secondFactorChecks)
                .concatMap(check -> check.afterPassword(user, clientIp))
                .next()
                .switchIfEmpty(Mono.defer(() -> completeSignIn(user.id(), SignInMethod.PASSWORD, false, clientIp)));
        return tx.transactional(work);
    }

    private Mono<SignInOutcome> rateLimited(Optional<UserAccount> user, Duration retryAfter, String clientIp) {
        return recordFailure(user, RATE_LIMITED, clientIp).thenReturn(new SignInOutcome.RateLimited(retryAfter));
    }

    private Mono<Void> recordFailure(Optional<UserAccount> user, SignInFailed.Reason reason, String clientIp) {
        return user.map(u -> tx.transactional(outbox.append(new SignInFailed(u.id(), reason, clientIp)))
                        .then())
                .orElse(Mono.empty());
    }
}
