package io.gatekeep.desk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.tickets.RequestEvaluation.NeedsAgent;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsRequester;
import io.gatekeep.desk.tickets.RequestEvaluation.ReadyForConfirmation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApproverEligibilityPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Instant MONTHS_AGO = NOW.minus(Duration.ofDays(90));
    static final Instant A_MINUTE_AGO = NOW.minus(Duration.ofMinutes(1));

    final ApproverEligibilityPolicy policy = new ApproverEligibilityPolicy(Duration.ofDays(7));
    final Directory.Person owner = person("owner");
    final Directory.Person requesterPerson = person("requester");
    final List<Directory.Membership> memberships = new ArrayList<>();
    final List<Directory.Approvers> organizations = new ArrayList<>();

    @Test
    void anOwnerOfAnOrganizationTheRequesterJoinedByInvitationLongAgoMayConfirm() {
        UUID org = organization("Acme", false, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));

        assertThat(decide(owner)).isInstanceOfSatisfying(ReadyForConfirmation.class, ready -> {
            assertThat(ready.organizationId()).isEqualTo(org);
            assertThat(ready.approver().userId()).isEqualTo(owner.userId());
            assertThat(ready.role()).isEqualTo(RequestEvaluation.ApproverRole.OWNER);
        });
    }

    @Test
    void aMembershipAddedWithoutTheRequestersConsentIsNoBasis() {
        organization("Acme", false, "ADDED", MONTHS_AGO, owned(owner, MONTHS_AGO));

        assertThat(decide(owner)).isEqualTo(new NeedsAgent("NO_ELIGIBLE_MEMBERSHIP", requester()));
    }

    @Test
    void aMembershipYoungerThanTheMinimumAgeIsNoBasis() {
        organization("Minute Old", false, "INVITATION", A_MINUTE_AGO, owned(owner, MONTHS_AGO));

        assertThat(decide(owner))
                .isInstanceOfSatisfying(
                        NeedsAgent.class, agent -> assertThat(agent.reason()).isEqualTo("NO_ELIGIBLE_MEMBERSHIP"));
    }

    @Test
    void anOwnershipYoungerThanTheMinimumAgeCannotConfirmAndAnAgentDecides() {
        organization("Acme", false, "INVITATION", MONTHS_AGO, owned(owner, A_MINUTE_AGO));

        assertThat(decide(owner))
                .isInstanceOfSatisfying(
                        NeedsAgent.class, agent -> assertThat(agent.reason()).isEqualTo("NO_ELIGIBLE_OWNER_COPIED"));
    }

    @Test
    void theMinimumAgeIsInclusiveAndZeroAcceptsAnyAge() {
        organization(
                "Acme", false, "CREATED", NOW.minus(Duration.ofDays(7)), owned(owner, NOW.minus(Duration.ofDays(7))));
        assertThat(decide(owner)).isInstanceOf(ReadyForConfirmation.class);

        memberships.clear();
        organizations.clear();
        organization("Fresh", false, "CREATED", NOW, owned(owner, NOW));
        assertThat(new ApproverEligibilityPolicy(Duration.ZERO)
                        .decide(requester(), organizations, Set.of(owner.email()), NOW))
                .isInstanceOf(ReadyForConfirmation.class);
    }

    @Test
    void anUnknownAgeIsNeverOldEnough() {
        organization("Acme", false, "INVITATION", null, owned(owner, MONTHS_AGO));

        assertThat(decide(owner)).isInstanceOf(NeedsAgent.class);
    }

    @Test
    void aMemberWhoMayManageAccessIsNotAnApprover() {
        Directory.Person manager = person("manager");
        UUID org = UUID.randomUUID();
        memberships.add(
                new Directory.Membership(org, "Acme", "MEMBER", false, "INVITATION", MONTHS_AGO, MONTHS_AGO, false));
        organizations.add(new Directory.Approvers(
                org, "Acme", false, List.of(aged(owner, MONTHS_AGO)), List.of(aged(manager, MONTHS_AGO))));

        assertThat(decide(manager))
                .isInstanceOfSatisfying(
                        NeedsAgent.class, agent -> assertThat(agent.reason()).isEqualTo("NO_ELIGIBLE_OWNER_COPIED"));
    }

    @Test
    void theOnlyOwnerCannotConfirmTheirOwnRequest() {
        UUID org = UUID.randomUUID();
        memberships.add(new Directory.Membership(org, "Solo", "OWNER", true, "CREATED", MONTHS_AGO, MONTHS_AGO, false));
        organizations.add(
                new Directory.Approvers(org, "Solo", false, List.of(aged(requesterPerson, MONTHS_AGO)), List.of()));

        assertThat(decide(requesterPerson))
                .isInstanceOfSatisfying(
                        NeedsAgent.class, agent -> assertThat(agent.reason()).isEqualTo("NO_ELIGIBLE_OWNER"));
    }

    @Test
    void nobodyOfTheRequestersOrganizationsCopiedAsksTheRequesterToCopyAnOwner() {
        organization("Acme", false, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));

        assertThat(decide(person("friend")))
                .isInstanceOfSatisfying(
                        NeedsRequester.class,
                        needs -> assertThat(needs.reason()).isEqualTo("NO_OWNER_COPIED"));
    }

    @Test
    void withSeveralOrganizationsTheOwnerOfTheOneEnforcingMfaMustConfirm() {
        Directory.Person enforcingOwner = person("enforcing-owner");
        UUID enforcing = organization("Strict", true, "INVITATION", MONTHS_AGO, owned(enforcingOwner, MONTHS_AGO));
        organization("Lax", false, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));

        assertThat(decide(owner))
                .isInstanceOfSatisfying(
                        NeedsAgent.class,
                        agent -> assertThat(agent.reason()).isEqualTo("ENFORCING_ORGANIZATION_OWNER_NOT_COPIED"));
        assertThat(decide(enforcingOwner))
                .isInstanceOfSatisfying(
                        ReadyForConfirmation.class,
                        ready -> assertThat(ready.organizationId()).isEqualTo(enforcing));
        assertThat(decide(owner, enforcingOwner))
                .isInstanceOfSatisfying(
                        ReadyForConfirmation.class,
                        ready -> assertThat(ready.approver().userId()).isEqualTo(enforcingOwner.userId()));
    }

    @Test
    void withTwoEnforcingOrganizationsOneCopiedOwnerMustOwnBoth() {
        Directory.Person other = person("other-owner");
        organization("Strict One", true, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));
        organization("Strict Two", true, "INVITATION", MONTHS_AGO, owned(other, MONTHS_AGO));
        assertThat(decide(owner, other))
                .isInstanceOfSatisfying(
                        NeedsAgent.class,
                        agent -> assertThat(agent.reason()).isEqualTo("ENFORCING_ORGANIZATION_OWNER_NOT_COPIED"));

        memberships.clear();
        organizations.clear();
        organization("Strict One", true, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));
        organization("Strict Two", true, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));
        assertThat(decide(owner)).isInstanceOf(ReadyForConfirmation.class);
    }

    @Test
    void anEnforcingOrganizationThatDoesNotCountIsNotRequired() {
        Directory.Person newOwner = person("new-owner");
        organization("Strict but minute old", true, "INVITATION", A_MINUTE_AGO, owned(newOwner, A_MINUTE_AGO));
        organization("Acme", false, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO));

        assertThat(decide(owner)).isInstanceOf(ReadyForConfirmation.class);
    }

    @Test
    void twoCopiedOwnersOfOneOrganizationAreAskedToBeOne() {
        Directory.Person second = person("second-owner");
        organization("Acme", false, "INVITATION", MONTHS_AGO, owned(owner, MONTHS_AGO), owned(second, MONTHS_AGO));

        assertThat(decide(owner, second))
                .isInstanceOfSatisfying(
                        NeedsRequester.class,
                        needs -> assertThat(needs.reason()).isEqualTo("SEVERAL_OWNERS_COPIED"));
    }

    private RequestEvaluation decide(Directory.Person... copied) {
        Set<String> cc = new java.util.HashSet<>();
        for (Directory.Person person : copied) {
            cc.add(person.email());
        }
        return policy.decide(requester(), organizations, cc, NOW);
    }

    private Directory.User requester() {
        return new Directory.User(
                requesterPerson.userId(), requesterPerson.email(), "Requester", true, true, memberships);
    }

    private UUID organization(
            String name, boolean enforcing, String joinedVia, Instant joinedAt, Directory.Person... owners) {
        UUID id = UUID.randomUUID();
        memberships.add(new Directory.Membership(id, name, "MEMBER", false, joinedVia, joinedAt, joinedAt, enforcing));
        organizations.add(new Directory.Approvers(id, name, enforcing, List.of(owners), List.of()));
        return id;
    }

    private static Directory.Person owned(Directory.Person person, Instant since) {
        return aged(person, since);
    }

    private static Directory.Person aged(Directory.Person person, Instant since) {
        return new Directory.Person(person.userId(), person.email(), person.displayName(), since);
    }

    private static Directory.Person person(String name) {
        return new Directory.Person(UUID.randomUUID(), name + "@acme.example", name);
    }
}
