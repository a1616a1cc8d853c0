package io.gatekeep.api.organizations;

import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.PlainName;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.invitations.Invitations;
import io.gatekeep.api.invitations.model.Invitation;
import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.MemberDecision;
import io.gatekeep.api.organizations.model.MemberManagementPolicy;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.gatekeep.api.organizations.model.SensitiveMemberChange;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.ratelimit.RateLimiter;
import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.events.account.InvitationCancelled;
import io.gatekeep.events.account.MemberInvited;
import io.gatekeep.events.account.MemberLeft;
import io.gatekeep.events.account.MemberRemoved;
import io.gatekeep.events.account.MemberUpdated;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Invites, changes and removes members, and lets a member leave. Each change runs in one transaction that first locks
 * the organization row (so owner counts cannot race), asks {@link MemberManagementPolicy}, writes the change and
 * appends its event. Nobody is made a member here: memberships come from accepted invitations.
 */
@Component
@EnableConfigurationProperties(InvitationRateLimitProperties.class)
class MemberService {

    private final Memberships memberships;
    private final Users users;
    private final Invitations invitations;
    private final OutboxWriter outbox;
    private final RateLimiter rateLimiter;
    private final InvitationRateLimitProperties rateLimit;
    private final TransactionalOperator tx;
    private final StepUpGuard stepUp;
    private final Clock clock;

    MemberService(
            Memberships memberships,
            Users users,
            Invitations invitations,
            OutboxWriter outbox,
            RateLimiter rateLimiter,
            InvitationRateLimitProperties rateLimit,
            TransactionalOperator tx,
            StepUpGuard stepUp,
            Clock clock) {
        this.memberships = memberships;
        this.users = users;
        this.invitations = invitations;
        this.outbox = outbox;
        this.rateLimiter = rateLimiter;
        this.rateLimit = rateLimit;
        this.tx = tx;
        this.stepUp = stepUp;
        this.clock = clock;
    }

    /** Who asks; {@code sessionId} is the session of the request, read by the step-up rule (null: never stepped up). */
    record Actor(UUID userId, UUID sessionId, String clientIp) {

        Actor(UUID userId, String clientIp) {
            this(userId, null, clientIp);
        }
    }

    record NewMember(String email, String displayName, Role role, Set<Permission> grants) {}

    /**
     * Never makes a membership: whether the address has an account or not, it makes an invitation (replacing an open
     * one for the same person) that only the address's owner can accept. The answer is the same either way.
     */
    Mono<MemberOutcome> add(UUID organizationId, Actor actor, NewMember request) {
        return inLockedOrganization(organizationId, actor, member -> {
            MemberDecision decision = MemberManagementPolicy.add(member, request.role(), request.grants());
            if (!(decision instanceof MemberDecision.Allowed)) {
                return Mono.just(rejection(decision));
            }
            boolean sensitive = request.role() == Role.OWNER || request.grants().contains(Permission.MANAGE_ORG_ACCESS);
            return steppedUpIf(
                    sensitive,
                    actor,
                    () -> rateLimiter
                            .hit(
                                    "invitations:" + organizationId,
                                    rateLimit.perOrganization(),
                                    new FixedWindow(rateLimit.window()))
                            .flatMap(limit -> limit instanceof RateLimitDecision.Exceeded exceeded
                                    ? Mono.just(new MemberOutcome.RateLimited(exceeded.retryAfter()))
                                    : users.findByEmail(request.email())
                                            .flatMap(existing ->
                                                    inviteExisting(organizationId, actor, existing, request))
                                            .switchIfEmpty(
                                                    Mono.defer(() -> inviteNew(organizationId, actor, request)))));
        });
    }

    /** Withdraws an open invitation (owners and admins; its token stops working). */
    Mono<MemberOutcome> cancelInvitation(UUID organizationId, Actor actor, UUID invitationId) {
        return inLockedOrganization(organizationId, actor, member -> {
            if (!MemberManagementPolicy.mayManageMembers(member)) {
                return Mono.just(new MemberOutcome.Forbidden("Only owners and admins cancel invitations"));
            }
            return invitations
                    .cancel(organizationId, invitationId)
                    .flatMap(cancelled -> outbox.append(new InvitationCancelled(
                                    organizationId,
                                    cancelled.userId(),
                                    cancelled.id(),
                                    actor.userId(),
                                    actor.clientIp()))
                            .<MemberOutcome>thenReturn(new MemberOutcome.Removed()))
                    .switchIfEmpty(Mono.fromSupplier(MemberOutcome.NotFound::new));
        });
    }

    /** The caller leaves an organization; the last owner cannot. */
    Mono<MemberOutcome> leave(UUID organizationId, Actor actor) {
        return inLockedOrganization(
                organizationId,
                actor,
                member -> memberships.countOwners(organizationId).flatMap(owners -> {
                    if (member.isOwner() && owners <= 1) {
                        return Mono.just(new MemberOutcome.LastOwner());
                    }
                    return memberships
                            .delete(organizationId, actor.userId())
                            .then(outbox.append(new MemberLeft(
                                    organizationId,
                                    actor.userId(),
                                    member.role().name(),
                                    actor.clientIp())))
                            .thenReturn(new MemberOutcome.Removed());
                }));
    }

    /** {@code requestedGrants} null keeps the member's current grants. */
    Mono<MemberOutcome> update(
            UUID organizationId, Actor actor, UUID userId, Role role, Set<Permission> requestedGrants) {
        return inLockedOrganization(
                organizationId,
                actor,
                member -> withTarget(
                        organizationId,
                        userId,
                        target -> memberships.countOwners(organizationId).flatMap(owners -> {
                            Set<Permission> grants = requestedGrants == null ? target.grants() : requestedGrants;
                            MemberDecision decision =
                                    MemberManagementPolicy.update(member, target, role, grants, owners);
                            if (!(decision instanceof MemberDecision.Allowed)) {
                                return Mono.just(rejection(decision));
                            }
                            Member changed = new Member(organizationId, userId, role, grants);
                            if (changed.equals(target)) {
                                return done(organizationId, userId); // nothing changed, nothing to announce
                            }
                            return steppedUpIf(
                                    SensitiveMemberChange.of(target, changed),
                                    actor,
                                    () -> memberships
                                            .update(changed, clock.instant())
                                            .then(outbox.append(new MemberUpdated(
                                                    organizationId,
                                                    userId,
                                                    target.role().name(),
                                                    role.name(),
                                                    names(target.grants()),
                                                    names(grants),
                                                    actor.userId(),
                                                    actor.clientIp())))
                                            .then(done(organizationId, userId)));
                        })));
    }

    Mono<MemberOutcome> remove(UUID organizationId, Actor actor, UUID userId) {
        return inLockedOrganization(
                organizationId,
                actor,
                member -> withTarget(
                        organizationId,
                        userId,
                        target -> memberships.countOwners(organizationId).flatMap(owners -> {
                            MemberDecision decision = MemberManagementPolicy.remove(member, target, owners);
                            if (!(decision instanceof MemberDecision.Allowed)) {
                                return Mono.just(rejection(decision));
                            }
                            return steppedUpIf(
                                    target.isOwner(),
                                    actor,
                                    () -> memberships
                                            .delete(organizationId, userId)
                                            .then(invitations.deletePending(organizationId, userId))
                                            .then(outbox.append(new MemberRemoved(
                                                    organizationId,
                                                    userId,
                                                    target.role().name(),
                                                    actor.userId(),
                                                    actor.clientIp())))
                                            .thenReturn(new MemberOutcome.Removed()));
                        })));
    }

    /**
     * Runs {@code change} unless it is {@code sensitive} and the actor's session has MFA without a second factor
     * verified within the step-up window (checked after the policy, so a forbidden request stays forbidden).
     */
    private Mono<MemberOutcome> steppedUpIf(
            boolean sensitive, Actor actor, java.util.function.Supplier<Mono<MemberOutcome>> change) {
        if (!sensitive) {
            return change.get();
        }
        return stepUp.isSatisfiedIfMfa(actor.sessionId(), actor.userId())
                .flatMap(satisfied -> satisfied ? change.get() : Mono.just(new MemberOutcome.StepUpRequired()));
    }

    private Mono<MemberOutcome> inviteExisting(UUID organizationId, Actor actor, UserAccount user, NewMember request) {
        return memberships
                .find(organizationId, user.id())
                .<MemberOutcome>map(existing -> new MemberOutcome.AlreadyMember())
                .switchIfEmpty(Mono.defer(() -> offer(organizationId, actor, user.id(), request)));
    }

    /**
     * An address without an account gets an {@code INVITED} account (no password, cannot sign in) that accepting
     * activates, as before; its name is the one the inviter gave, or the address's local part.
     */
    private Mono<MemberOutcome> inviteNew(UUID organizationId, Actor actor, NewMember request) {
        String name = request.displayName() != null && !request.displayName().isBlank()
                ? request.displayName().strip()
                : localPart(request.email());
        UserAccount user =
                new UserAccount(UUID.randomUUID(), request.email(), name, null, UserStatus.INVITED, clock.instant());
        return users.insert(user).then(offer(organizationId, actor, user.id(), request));
    }

    private Mono<MemberOutcome> offer(UUID organizationId, Actor actor, UUID userId, NewMember request) {
        Invitation invitation = Invitation.issue(
                organizationId,
                userId,
                new Invitation.Offer(request.email(), request.role(), request.grants()),
                clock.instant());
        String displayName =
                request.displayName() == null ? null : request.displayName().strip();
        return invitations
                .deletePending(organizationId, userId)
                .then(invitations.insert(invitation, actor.userId()))
                .then(outbox.append(new MemberInvited(
                        organizationId,
                        userId,
                        invitation.id(),
                        request.email(),
                        displayName,
                        request.role().name(),
                        invitation.expiresAt(),
                        actor.userId(),
                        actor.clientIp())))
                .thenReturn(new MemberOutcome.Invited(invitation));
    }

    private static String localPart(String email) {
        String local = email.substring(0, Math.max(1, email.indexOf('@')));
        return local.length() > PlainName.MAX_LENGTH ? local.substring(0, PlainName.MAX_LENGTH) : local;
    }

    private Mono<MemberOutcome> inLockedOrganization(
            UUID organizationId, Actor actor, java.util.function.Function<Member, Mono<MemberOutcome>> work) {
        Mono<MemberOutcome> locked = memberships
                .lockOrganization(organizationId)
                .flatMap(id -> memberships.find(organizationId, actor.userId()))
                .flatMap(work)
                .defaultIfEmpty(new MemberOutcome.NotFound());
        return tx.transactional(locked);
    }

    private Mono<MemberOutcome> withTarget(
            UUID organizationId, UUID userId, java.util.function.Function<Member, Mono<MemberOutcome>> work) {
        return memberships
                .find(organizationId, userId)
                .flatMap(work)
                .switchIfEmpty(Mono.fromSupplier(MemberOutcome.NotFound::new));
    }

    private Mono<MemberOutcome> done(UUID organizationId, UUID userId) {
        return memberships.view(organizationId, userId).map(MemberOutcome.Done::new);
    }

    private static MemberOutcome rejection(MemberDecision decision) {
        if (decision instanceof MemberDecision.Forbidden forbidden) {
            return new MemberOutcome.Forbidden(forbidden.reason());
        }
        if (decision instanceof MemberDecision.LastOwner) {
            return new MemberOutcome.LastOwner();
        }
        throw new IllegalArgumentException("Not a rejection: " + decision);
    }

    private static Set<String> names(Set<Permission> permissions) {
        return permissions.stream().map(Enum::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
