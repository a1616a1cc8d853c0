package io.gatekeep.api.enforcement;

import io.gatekeep.api.enforcement.EnforcementStore.ComplianceCounts;
import io.gatekeep.api.enforcement.EnforcementStore.MemberWithoutMfa;
import io.gatekeep.api.enforcement.model.EnforcementAccessPolicy;
import io.gatekeep.api.enforcement.model.EnforcementSetting;
import io.gatekeep.api.mfa.verification.model.StepUpRule;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.SessionProperties;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Reads and changes an organization's MFA enforcement. A change is O(1) whatever the organization's size: one locked
 * organization row updated and one {@code MfaEnforcementChanged} event appended, in one transaction. What follows for
 * the members (setup at their next sign-in, notices, optionally ending sessions) is derived at sign-in or done by the
 * worker from the event, never while the caller waits.
 */
@Component
class EnforcementService {

    private final EnforcementStore store;
    private final Memberships memberships;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Duration stepUpWindow;

    EnforcementService(
            EnforcementStore store,
            Memberships memberships,
            OutboxWriter outbox,
            TransactionalOperator tx,
            Clock clock,
            SessionProperties sessions) {
        this.store = store;
        this.memberships = memberships;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.stepUpWindow = sessions.stepUpWindow();
    }

    /** Who asks: the user, the session the request came with, and its client IP (for the event). */
    record Actor(UUID userId, UUID sessionId, String clientIp) {}

    /** One page of the compliance view; {@code nextAfter} is null on the last page. */
    record Compliance(
            EnforcementSetting setting, ComplianceCounts counts, List<MemberWithoutMfa> withoutMfa, UUID nextAfter) {}

    Mono<ViewOutcome<EnforcementSetting>> read(UUID organizationId, UUID userId) {
        return asViewer(organizationId, userId, member -> store.find(organizationId));
    }

    Mono<ViewOutcome<Compliance>> compliance(UUID organizationId, UUID userId, UUID after, int limit) {
        return asViewer(
                organizationId,
                userId,
                member -> Mono.zip(
                                store.find(organizationId),
                                store.counts(organizationId),
                                store.withoutMfa(organizationId, after, limit + 1)
                                        .collectList())
                        .map(all -> {
                            List<MemberWithoutMfa> rows = all.getT3();
                            boolean more = rows.size() > limit;
                            List<MemberWithoutMfa> page = more ? rows.subList(0, limit) : rows;
                            return new Compliance(
                                    all.getT1(),
                                    all.getT2(),
                                    page,
                                    more ? page.get(limit - 1).userId() : null);
                        }));
    }

    /**
     * Checks, in this order: membership (404), permission (403 forbidden), the actor's own MFA (409), the session's
     * step-up (403); then applies the request under the organization row's lock.
     */
    Mono<ToggleOutcome> request(UUID organizationId, Actor actor, boolean enforced, Boolean revokeSessions) {
        return memberships
                .find(organizationId, actor.userId())
                .flatMap(member -> {
                    if (!EnforcementAccessPolicy.mayChange(member)) {
                        return Mono.<ToggleOutcome>just(new ToggleOutcome.Forbidden());
                    }
                    return store.actorMfa(actor.sessionId(), actor.userId()).flatMap(mfa -> {
                        if (mfa.credentialEnabledAt() == null) {
                            return Mono.just(new ToggleOutcome.ActorMfaNotEnabled());
                        }
                        if (!StepUpRule.isSatisfied(
                                mfa.sessionMfaVerifiedAt(),
                                mfa.sessionViaRecoveryCode(),
                                mfa.credentialEnabledAt(),
                                clock.instant(),
                                stepUpWindow)) {
                            return Mono.just(new ToggleOutcome.StepUpRequired());
                        }
                        return apply(organizationId, actor, enforced, revokeSessions);
                    });
                })
                .defaultIfEmpty(new ToggleOutcome.NotFound());
    }

    private Mono<ToggleOutcome> apply(UUID organizationId, Actor actor, boolean enforced, Boolean revokeSessions) {
        Instant now = clock.instant();
        Mono<ToggleOutcome> change = store.lock(organizationId)
                .flatMap(current -> current.request(enforced, revokeSessions, actor.userId(), now)
                        .<Mono<ToggleOutcome>>map(next -> store.save(organizationId, next)
                                .then(outbox.append(new MfaEnforcementChanged(
                                        organizationId,
                                        current.enforced(),
                                        next.enforced(),
                                        next.revokeNonCompliantSessions(),
                                        actor.userId(),
                                        actor.clientIp())))
                                .thenReturn(new ToggleOutcome.Changed(next)))
                        .orElseGet(() -> Mono.just(new ToggleOutcome.Unchanged(current))))
                .defaultIfEmpty(new ToggleOutcome.NotFound());
        return tx.transactional(change);
    }

    private <T> Mono<ViewOutcome<T>> asViewer(
            UUID organizationId, UUID userId, java.util.function.Function<Member, Mono<T>> work) {
        return memberships
                .find(organizationId, userId)
                .flatMap(member -> EnforcementAccessPolicy.mayView(member)
                        ? work.apply(member).<ViewOutcome<T>>map(ViewOutcome.Found::new)
                        : Mono.just(new ViewOutcome.Forbidden<T>()))
                .defaultIfEmpty(new ViewOutcome.NotFound<>());
    }
}
