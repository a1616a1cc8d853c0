package io.gatekeep.api.organizations;

import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.invitations.Invitations;
import io.gatekeep.api.invitations.model.Invitation;
import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.MemberDecision;
import io.gatekeep.api.organizations.model.MemberManagementPolicy;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.events.account.MemberAdded;
import io.gatekeep.events.account.MemberInvited;
import io.gatekeep.events.account.MemberRemoved;
import io.gatekeep.events.account.MemberUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Adds, changes and removes members. Each change runs in one transaction that first locks the organization row (so
 * owner counts cannot race), asks {@link MemberManagementPolicy}, writes the change and appends its event.
 */
@Component
class MemberService {

    private final Memberships memberships;
    private final Users users;
    private final Invitations invitations;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    MemberService(Memberships memberships, Users users, Invitations invitations, OutboxWriter outbox,
                  TransactionalOperator tx, Clock clock) {
        this.memberships = memberships;
        this.users = users;
        this.invitations = invitations;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    record Actor(UUID userId, String clientIp) {
    }

    record NewMember(String email, String displayName, Role role, Set<Permission> grants) {
    }

    Mono<MemberOutcome> add(UUID organizationId, Actor actor, NewMember request) {
        return inLockedOrganization(organizationId, actor, member -> {
            MemberDecision decision = MemberManagementPolicy.add(member, request.role(), request.grants());
            if (!(decision instanceof MemberDecision.Allowed)) {
                return Mono.just(rejection(decision));
            }
            return users.findByEmail(request.email())
                    .flatMap(existing -> addExisting(organizationId, actor, existing, request))
                    .switchIfEmpty(Mono.defer(() -> invite(organizationId, actor, request)));
        });
    }

    /** {@code requestedGrants} null keeps the member's current grants. */
    Mono<MemberOutcome> update(UUID organizationId, Actor actor, UUID userId, Role role,
                               Set<Permission> requestedGrants) {
        return inLockedOrganization(organizationId, actor, member -> withTarget(organizationId, userId, target ->
                memberships.countOwners(organizationId).flatMap(owners -> {
                    Set<Permission> grants = requestedGrants == null ? target.grants() : requestedGrants;
                    MemberDecision decision = MemberManagementPolicy.update(member, target, role, grants, owners);
                    if (!(decision instanceof MemberDecision.Allowed)) {
                        return Mono.just(rejection(decision));
                    }
                    Member changed = new Member(organizationId, userId, role, grants);
                    if (changed.equals(target)) {
                        return done(organizationId, userId); // nothing changed, nothing to announce
                    }
                    return memberships.update(changed, clock.instant())
                            .then(outbox.append(new MemberUpdated(organizationId, userId, target.role().name(),
                                    role.name(), names(target.grants()), names(grants), actor.userId(),
                                    actor.clientIp())))
                            .then(done(organizationId, userId));
                })));
    }

    Mono<MemberOutcome> remove(UUID organizationId, Actor actor, UUID userId) {
        return inLockedOrganization(organizationId, actor, member -> withTarget(organizationId, userId, target ->
                memberships.countOwners(organizationId).flatMap(owners -> {
                    MemberDecision decision = MemberManagementPolicy.remove(member, target, owners);
                    if (!(decision instanceof MemberDecision.Allowed)) {
                        return Mono.just(rejection(decision));
                    }
                    return memberships.delete(organizationId, userId)
                            .then(invitations.deletePending(organizationId, userId))
                            .then(outbox.append(new MemberRemoved(organizationId, userId, target.role().name(),
                                    actor.userId(), actor.clientIp())))
                            .thenReturn(new MemberOutcome.Removed());
                })));
    }

    private Mono<MemberOutcome> addExisting(UUID organizationId, Actor actor, UserAccount user, NewMember request) {
        return memberships.find(organizationId, user.id())
                .<MemberOutcome>map(existing -> new MemberOutcome.AlreadyMember())
                .switchIfEmpty(Mono.defer(() -> {
                    Instant now = clock.instant();
                    Member member = new Member(organizationId, user.id(), request.role(), request.grants());
                    Mono<?> announce = user.status() == UserStatus.ACTIVE
                            ? outbox.append(new MemberAdded(organizationId, user.id(), user.email(),
                            request.role().name(), actor.userId(), actor.clientIp()))
                            // still invited elsewhere: they need a token of their own to set a password
                            : inviteToOrganization(organizationId, actor, user, request.role(), now);
                    return memberships.insert(member, now, Memberships.JoinedVia.ADDED)
                            .then(announce).then(done(organizationId, user.id()));
                }));
    }

    private Mono<MemberOutcome> invite(UUID organizationId, Actor actor, NewMember request) {
        if (request.displayName() == null || request.displayName().isBlank()) {
            return Mono.just(new MemberOutcome.DisplayNameRequired());
        }
        Instant now = clock.instant();
        UserAccount user = new UserAccount(UUID.randomUUID(), request.email(), request.displayName().trim(), null,
                UserStatus.INVITED, now);
        Member member = new Member(organizationId, user.id(), request.role(), request.grants());
        return users.insert(user)
                .then(memberships.insert(member, now, Memberships.JoinedVia.INVITATION))
                .then(inviteToOrganization(organizationId, actor, user, request.role(), now))
                .then(done(organizationId, user.id()));
    }

    private Mono<Void> inviteToOrganization(UUID organizationId, Actor actor, UserAccount user, Role role,
                                            Instant now) {
        Invitation invitation = Invitation.issue(organizationId, user.id(), now);
        return invitations.insert(invitation, actor.userId())
                .then(outbox.append(new MemberInvited(organizationId, user.id(), invitation.id(), user.email(),
                        user.displayName(), role.name(), invitation.expiresAt(), actor.userId(), actor.clientIp())))
                .then();
    }

    private Mono<MemberOutcome> inLockedOrganization(UUID organizationId, Actor actor,
                                                     java.util.function.Function<Member, Mono<MemberOutcome>> work) {
        Mono<MemberOutcome> locked = memberships.lockOrganization(organizationId)
                .flatMap(id -> memberships.find(organizationId, actor.userId()))
                .flatMap(work)
                .defaultIfEmpty(new MemberOutcome.NotFound());
        return tx.transactional(locked);
    }

    private Mono<MemberOutcome> withTarget(UUID organizationId, UUID userId,
                                           java.util.function.Function<Member, Mono<MemberOutcome>> work) {
        return memberships.find(organizationId, userId)
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
