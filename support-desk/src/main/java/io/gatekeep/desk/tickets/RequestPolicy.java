package io.gatekeep.desk.tickets;

import io.gatekeep.desk.tickets.RequestEvaluation.ApproverRole;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsAgent;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsRequester;
import io.gatekeep.desk.tickets.RequestEvaluation.ReadyForConfirmation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Steps 2 and 5 of the workflow: the requester must be a registered, active user (by {@code From}), and the mail must
 * CC an owner of one of their organizations (the CC'd owner names the organization). When the requester is the only
 * owner of an organization, another member with MANAGE_ORG_ACCESS CC'd instead may confirm; with none, an agent
 * decides. The approver's address used afterwards is the registered one from the directory, never the CC header.
 */
public final class RequestPolicy {

    private final Directory directory;

    public RequestPolicy(Directory directory) {
        this.directory = directory;
    }

    /**
     * @param sender the single From address (lower-case), empty when there is none or several
     * @param copied every To/Cc address other than the desk's own (lower-case)
     */
    public RequestEvaluation evaluate(Optional<String> sender, Set<String> copied) {
        if (sender.isEmpty()) {
            return new NeedsAgent("NO_SINGLE_SENDER");
        }
        Optional<Directory.User> found = directory.userByEmail(sender.get());
        if (found.isEmpty() || !found.get().active()) {
            return new NeedsRequester("REQUESTER_NOT_REGISTERED", """
                    We could not find an active account registered with the address %s. Please write to us from the \
                    email address you sign in with, and copy (CC) the owner of your organization.""".formatted(sender.get()));
        }
        Directory.User requester = found.get();
        if (requester.organizations().isEmpty()) {
            return new NeedsAgent("REQUESTER_WITHOUT_ORGANIZATION");
        }
        Set<String> cc = copied.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<ReadyForConfirmation> candidates = new ArrayList<>();
        boolean soleOwnerWithoutManagers = false;
        for (Directory.Membership membership : requester.organizations()) {
            Optional<Directory.Approvers> approvers = directory.approvers(membership.organizationId());
            if (approvers.isEmpty()) {
                continue;
            }
            List<Directory.Person> otherOwners = approvers.get().owners().stream()
                    .filter(owner -> !owner.userId().equals(requester.userId())).toList();
            boolean soleOwner = otherOwners.isEmpty();
            List<Directory.Person> eligible = soleOwner
                    ? approvers.get().managers().stream().filter(m -> !m.userId().equals(requester.userId())).toList()
                    : otherOwners;
            if (soleOwner && eligible.isEmpty()) {
                soleOwnerWithoutManagers = true;
            }
            eligible.stream().filter(person -> cc.contains(person.email().toLowerCase(Locale.ROOT)))
                    .forEach(person -> candidates.add(new ReadyForConfirmation(requester, membership.organizationId(),
                            approvers.get().name(), person, soleOwner ? ApproverRole.MANAGER : ApproverRole.OWNER)));
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.size() > 1) {
            return new NeedsRequester("SEVERAL_ORGANIZATIONS_MATCH", """
                    The people you copied can confirm for more than one of your organizations. Please write again and \
                    copy (CC) only the owner of the organization this request is about.""");
        }
        if (soleOwnerWithoutManagers && requester.organizations().size() == 1) {
            return new NeedsAgent("ONLY_OWNER_WITHOUT_MANAGERS");
        }
        return new NeedsRequester("NO_OWNER_COPIED", """
                To reset multi-factor authentication we need your organization's owner to confirm the request. \
                Please reply to this email and copy (CC) the owner of your organization, using the address they \
                sign in with. If you are the only owner, copy a member who can manage access to the organization.""");
    }
}
