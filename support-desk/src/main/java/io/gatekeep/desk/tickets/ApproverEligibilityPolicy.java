package io.gatekeep.desk.tickets;

import io.gatekeep.desk.tickets.RequestEvaluation.ApproverRole;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsAgent;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsRequester;
import io.gatekeep.desk.tickets.RequestEvaluation.ReadyForConfirmation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who may confirm the MFA reset of a registered requester. A confirmation turns MFA off, so it must come from someone
 * the requester chose to be bound to, and who could not have arranged it a minute ago:
 *
 * <ul>
 *   <li>only organizations the requester <b>created or joined by accepting an invitation</b> count (a membership an
 *       owner made without the person's consent is no basis), and only when that membership is at least the
 *       minimum age old;
 *   <li>only <b>owners</b> confirm (members who may manage access do not: they cannot do what an owner cannot undo),
 *       never the requester themselves, and only once they have held the ownership for the minimum age;
 *   <li>when several organizations count, the confirming owner must be an owner of <b>every one that enforces MFA</b>
 *       (turning MFA off affects all of them); otherwise an agent decides.
 * </ul>
 *
 * Nobody eligible copied: when somebody of the requester's organizations was copied (an owner too new, a manager, an
 * organization that does not count), or nobody could ever confirm, an agent decides and the requester is told so;
 * when nobody of their organizations was copied at all, the requester is asked to copy an owner.
 */
public final class ApproverEligibilityPolicy {

    private final Duration minimumAge;

    /** @param minimumAge how old the requester's membership and the approver's ownership must both be */
    public ApproverEligibilityPolicy(Duration minimumAge) {
        this.minimumAge = Objects.requireNonNull(minimumAge, "minimumAge");
    }

    /**
     * @param organizations the approvers of the requester's organizations, as the directory answered (an organization
     *     it no longer knows is simply absent)
     * @param copied every To/Cc address other than the desk's own, lower-case
     */
    public RequestEvaluation decide(
            Directory.User requester, List<Directory.Approvers> organizations, Set<String> copied, Instant now) {
        Instant oldEnough = now.minus(minimumAge);
        Map<UUID, Directory.Approvers> known = organizations.stream()
                .collect(Collectors.toMap(Directory.Approvers::organizationId, Function.identity(), (a, b) -> a));
        List<Directory.Membership> counting = requester.organizations().stream()
                .filter(m -> m.joinedByConsent() && atOrBefore(m.joinedAt(), oldEnough))
                .filter(m -> known.containsKey(m.organizationId()))
                .toList();
        if (counting.isEmpty()) {
            return new NeedsAgent("NO_ELIGIBLE_MEMBERSHIP", requester);
        }
        List<ReadyForConfirmation> candidates = new ArrayList<>();
        boolean anyEligibleOwner = false;
        for (Directory.Membership membership : counting) {
            List<Directory.Person> eligible =
                    eligibleOwners(known.get(membership.organizationId()), requester, oldEnough);
            anyEligibleOwner |= !eligible.isEmpty();
            eligible.stream()
                    .filter(owner -> isCopied(owner, copied))
                    .forEach(owner -> candidates.add(new ReadyForConfirmation(
                            requester,
                            membership.organizationId(),
                            known.get(membership.organizationId()).name(),
                            owner,
                            ApproverRole.OWNER)));
        }
        if (candidates.isEmpty()) {
            return nobodyEligibleCopied(requester, organizations, copied, anyEligibleOwner);
        }
        List<Directory.Membership> enforcing = counting.stream()
                .filter(m -> m.mfaEnforced() || known.get(m.organizationId()).mfaEnforced())
                .toList();
        if (counting.size() > 1 && !enforcing.isEmpty()) {
            return ownerOfEveryEnforcingOrganization(requester, candidates, enforcing, known, oldEnough);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        return severalCandidates(candidates);
    }

    /** Several organizations count and some enforce MFA: one copied owner must own every enforcing one. */
    private RequestEvaluation ownerOfEveryEnforcingOrganization(
            Directory.User requester,
            List<ReadyForConfirmation> candidates,
            List<Directory.Membership> enforcing,
            Map<UUID, Directory.Approvers> known,
            Instant oldEnough) {
        Set<UUID> ownersOfAll = new LinkedHashSet<>();
        candidates.forEach(candidate -> ownersOfAll.add(candidate.approver().userId()));
        for (Directory.Membership organization : enforcing) {
            Set<UUID> owners = eligibleOwners(known.get(organization.organizationId()), requester, oldEnough).stream()
                    .map(Directory.Person::userId)
                    .collect(Collectors.toSet());
            ownersOfAll.retainAll(owners);
        }
        if (ownersOfAll.isEmpty()) {
            return new NeedsAgent("ENFORCING_ORGANIZATION_OWNER_NOT_COPIED", requester);
        }
        UUID first = enforcing.get(0).organizationId();
        List<ReadyForConfirmation> confirmingForAll = candidates.stream()
                .filter(c -> c.organizationId().equals(first)
                        && ownersOfAll.contains(c.approver().userId()))
                .toList();
        return confirmingForAll.size() == 1 ? confirmingForAll.get(0) : severalCandidates(confirmingForAll);
    }

    private static RequestEvaluation nobodyEligibleCopied(
            Directory.User requester,
            List<Directory.Approvers> organizations,
            Set<String> copied,
            boolean anyEligibleOwner) {
        boolean copiedSomeoneOfTheirs = organizations.stream()
                .flatMap(o -> java.util.stream.Stream.concat(o.owners().stream(), o.managers().stream()))
                .filter(person -> !person.userId().equals(requester.userId()))
                .anyMatch(person -> isCopied(person, copied));
        if (copiedSomeoneOfTheirs) {
            return new NeedsAgent("NO_ELIGIBLE_OWNER_COPIED", requester);
        }
        if (!anyEligibleOwner) {
            return new NeedsAgent("NO_ELIGIBLE_OWNER", requester);
        }
        return new NeedsRequester("NO_OWNER_COPIED", """
                To reset multi-factor authentication we need an owner of your organization to confirm the request. \
                Please reply to this email and copy (CC) an owner of your organization, using the address they \
                sign in with.""");
    }

    private static RequestEvaluation severalCandidates(List<ReadyForConfirmation> candidates) {
        boolean oneOrganization = candidates.stream()
                        .map(ReadyForConfirmation::organizationId)
                        .distinct()
                        .count()
                == 1;
        return oneOrganization
                ? new NeedsRequester("SEVERAL_OWNERS_COPIED", """
                        You copied more than one owner who could confirm. Please write again and copy (CC) only the \
                        one owner who should confirm this request.""")
                : new NeedsRequester("SEVERAL_ORGANIZATIONS_MATCH", """
                        The people you copied can confirm for more than one of your organizations. Please write again \
                        and copy (CC) only the owner of the organization this request is about.""");
    }

    private static List<Directory.Person> eligibleOwners(
            Directory.Approvers approvers, Directory.User requester, Instant oldEnough) {
        return approvers.owners().stream()
                .filter(owner -> !owner.userId().equals(requester.userId()))
                .filter(owner -> atOrBefore(owner.roleSince(), oldEnough))
                .toList();
    }

    private static boolean isCopied(Directory.Person person, Set<String> copied) {
        return person.email() != null && copied.contains(person.email().toLowerCase(Locale.ROOT));
    }

    /** An unknown time is never old enough. */
    private static boolean atOrBefore(Instant time, Instant limit) {
        return time != null && !time.isAfter(limit);
    }
}
