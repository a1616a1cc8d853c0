package io.gatekeep.desk.tickets;

import io.gatekeep.desk.tickets.RequestEvaluation.NeedsAgent;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsRequester;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Steps 2 and 5 of the workflow: the requester must be a registered, active user (by {@code From}), and the mail must
 * CC an owner who may confirm ({@link ApproverEligibilityPolicy}; the copied owner names the organization). The
 * approver's address used afterwards is the registered one from the directory, never the CC header.
 */
public final class RequestPolicy {

    private final Directory directory;
    private final ApproverEligibilityPolicy eligibility;
    private final Clock clock;

    public RequestPolicy(Directory directory, ApproverEligibilityPolicy eligibility, Clock clock) {
        this.directory = directory;
        this.eligibility = eligibility;
        this.clock = clock;
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
            return new NeedsAgent("REQUESTER_WITHOUT_ORGANIZATION", requester);
        }
        Set<String> cc = copied.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Directory.Approvers> organizations = requester.organizations().stream()
                .map(membership -> directory.approvers(membership.organizationId()))
                .flatMap(Optional::stream)
                .toList();
        return eligibility.decide(requester, organizations, cc, clock.instant());
    }
}
