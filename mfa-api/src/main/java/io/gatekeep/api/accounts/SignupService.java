package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.PendingSignup;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.Role;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.ratelimit.MailRateLimit;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.api.sessions.SignInOutcome;
import io.gatekeep.api.sessions.SignInService;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedUp;
import io.gatekeep.events.account.SignupRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Signup in two steps. {@link #request}: for an address without an active account, stores a pending signup (replacing
 * any earlier one) and asks the worker to email the confirmation link; for an address with an active account, creates
 * nothing and asks the worker to tell the account so. The caller cannot tell the two apart: same answer, and the
 * password is hashed either way. {@link #confirm}: the token from the email proves the address; the account, its
 * organization (owner: the account) and a first session are created in one transaction with their events.
 */
@Component
@EnableConfigurationProperties(SignupRateLimitProperties.class)
class SignupService {

    private final Users users;
    private final PendingSignups pending;
    private final Memberships memberships;
    private final PasswordHasher passwords;
    private final SignInService signIn;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final MailRateLimit rateLimit;

    SignupService(
            Users users,
            PendingSignups pending,
            Memberships memberships,
            PasswordHasher passwords,
            SignInService signIn,
            OutboxWriter outbox,
            TransactionalOperator tx,
            Clock clock,
            RateLimiter rateLimiter,
            SignupRateLimitProperties limits) {
        this.users = users;
        this.pending = pending;
        this.memberships = memberships;
        this.passwords = passwords;
        this.signIn = signIn;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.rateLimit =
                new MailRateLimit(rateLimiter, "signup", limits.perNetwork(), limits.perAddress(), limits.window());
    }

    sealed interface Requested {
        /** Accepted: an email goes to the address (a confirmation link, or word that the account exists). */
        record VerificationPending() implements Requested {}

        record RateLimited(Duration retryAfter) implements Requested {}
    }

    sealed interface Confirmed {
        record SignedIn(SignInOutcome.Authenticated session) implements Confirmed {}

        /** No pending signup has this token: never issued, replaced by a later signup, or confirmed already. */
        record InvalidToken() implements Confirmed {}

        record TokenExpired() implements Confirmed {}
    }

    Mono<Requested> request(
            String organizationName, String email, String password, String displayName, String clientIp) {
        return rateLimit
                .hit(clientIp, email)
                .flatMap(decision -> decision instanceof RateLimitDecision.Exceeded e
                        ? Mono.<Requested>just(new Requested.RateLimited(e.retryAfter()))
                        // hash first, whatever the address: the answer takes as long with or without an account
                        : passwords
                                .hash(password)
                                .flatMap(hash ->
                                        tx.transactional(store(organizationName, email, hash, displayName, clientIp))));
    }

    private Mono<Requested> store(
            String organizationName, String email, String hash, String displayName, String clientIp) {
        Mono<Requested> pendingOne = Mono.defer(() -> {
                    PendingSignup signup =
                            PendingSignup.request(email, displayName, organizationName, hash, clock.instant());
                    return pending.replace(signup)
                            .then(outbox.append(new SignupRequested(
                                    signup.id(), null, email, displayName, organizationName, clientIp)));
                })
                .thenReturn(new Requested.VerificationPending());
        return users.findByEmail(email)
                .filter(user -> user.status() == UserStatus.ACTIVE)
                .flatMap(account -> outbox.append(new SignupRequested(
                                null, account.id(), account.email(), displayName, organizationName, clientIp))
                        .<Requested>thenReturn(new Requested.VerificationPending()))
                .switchIfEmpty(pendingOne)
                // two signups for one address at the same moment: the unique index keeps one, which stands
                .onErrorReturn(DuplicateKeyException.class, new Requested.VerificationPending());
    }

    Mono<Confirmed> confirm(String token, String clientIp) {
        return tx.transactional(pending.lockByTokenHash(SessionTokens.sha256(token))
                .flatMap(signup -> signup.isExpiredAt(clock.instant())
                        ? Mono.<Confirmed>just(new Confirmed.TokenExpired())
                        : activate(signup, clientIp))
                .defaultIfEmpty(new Confirmed.InvalidToken()));
    }

    private Mono<Confirmed> activate(PendingSignup signup, String clientIp) {
        Instant now = clock.instant();
        UUID organizationId = UUID.randomUUID();
        return users.findByEmail(signup.email())
                .map(existing -> existing.status() == UserStatus.ACTIVE
                        ? Mono.<UserAccount>empty()
                        // an invited address (no password, no membership yet) becomes this signup's account
                        : users.activate(existing.id(), signup.passwordHash())
                                .then(users.rename(existing.id(), signup.displayName()))
                                .thenReturn(existing))
                .defaultIfEmpty(Mono.defer(() -> users.insert(new UserAccount(
                        UUID.randomUUID(),
                        signup.email(),
                        signup.displayName(),
                        signup.passwordHash(),
                        UserStatus.ACTIVE,
                        now))))
                .flatMap(account -> account)
                .flatMap(account -> memberships
                        .createOrganization(organizationId, signup.organizationName(), now)
                        .then(memberships.insert(
                                new Member(organizationId, account.id(), Role.OWNER, Set.of()),
                                now,
                                Memberships.JoinedVia.CREATED))
                        .then(outbox.append(new SignedUp(
                                organizationId,
                                signup.organizationName(),
                                account.id(),
                                signup.email(),
                                signup.displayName(),
                                clientIp)))
                        .then(signIn.completeSignIn(account.id(), SignInMethod.SIGNUP_CONFIRMATION, false, clientIp))
                        .<Confirmed>map(Confirmed.SignedIn::new))
                // the address became an active account meanwhile (an accepted invitation): this signup is void
                .defaultIfEmpty(new Confirmed.InvalidToken())
                .flatMap(outcome -> pending.delete(signup.id()).thenReturn(outcome));
    }
}
