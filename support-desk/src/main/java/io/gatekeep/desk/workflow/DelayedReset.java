package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.ApprovalToken;
import io.gatekeep.desk.tickets.Directory;
import io.gatekeep.desk.tickets.TicketStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An approval, by the owner's reply or by agents, never resets at once: the ticket becomes {@code APPROVED} with
 * {@code resetAt = approvedAt + gatekeep.desk.reset-delay}, and the requester's registered address and every owner of
 * the organization get a notice saying what will happen and when, with a cancel link of their own. {@link ResetRelease}
 * publishes the reset when it is due. Runs in the caller's transaction; a directory outage rolls it back.
 */
public class DelayedReset {

    private final Tickets tickets;
    private final ResetSchedule schedule;
    private final CancelTokens cancelTokens;
    private final DeskMail mail;
    private final Directory directory;
    private final Clock clock;
    private final Duration delay;
    private final String cancelBaseUrl;

    public DelayedReset(
            Tickets tickets,
            ResetSchedule schedule,
            CancelTokens cancelTokens,
            DeskMail mail,
            Directory directory,
            Clock clock,
            Duration delay,
            String cancelBaseUrl) {
        this.tickets = tickets;
        this.schedule = schedule;
        this.cancelTokens = cancelTokens;
        this.mail = mail;
        this.directory = directory;
        this.clock = clock;
        this.delay = delay;
        this.cancelBaseUrl =
                cancelBaseUrl.endsWith("/") ? cancelBaseUrl.substring(0, cancelBaseUrl.length() - 1) : cancelBaseUrl;
    }

    /**
     * Moves the (locked) ticket to {@code APPROVED} and schedules its reset.
     *
     * @param approvedVia {@code OWNER_REPLY} or {@code AGENT}
     * @param approvedBy how the notices name who approved (the owner's name, or "two support agents")
     */
    public TicketRow approve(TicketRow ticket, String actor, String reason, String approvedVia, String approvedBy) {
        Instant approvedAt = clock.instant();
        Instant resetAt = approvedAt.plus(delay);
        TicketRow approved = tickets.move(ticket, TicketStatus.APPROVED, actor, reason);
        schedule.scheduled(approved.id(), approvedAt, resetAt, approvedVia);
        String round = String.valueOf(approvedAt.toEpochMilli());
        mail.sendWithSecretLink(
                ResetLetters.requesterNotice(
                        approved,
                        approvedBy,
                        approvedAt,
                        resetAt,
                        link(approved.id(), approved.requesterEmail(), resetAt),
                        "approval-notice:" + round + ":requester"),
                ResetLetters.requesterNotice(approved, approvedBy, approvedAt, resetAt, REDACTED, "")
                        .body());
        for (Directory.Person owner : owners(approved)) {
            String purpose = "approval-notice:" + round + ":" + owner.userId();
            String name = owner.displayName();
            mail.sendWithSecretLink(
                    ResetLetters.ownerNotice(
                            approved,
                            owner.email(),
                            name,
                            approvedBy,
                            approvedAt,
                            resetAt,
                            link(approved.id(), owner.email(), resetAt),
                            purpose),
                    ResetLetters.ownerNotice(
                                    approved, owner.email(), name, approvedBy, approvedAt, resetAt, REDACTED, purpose)
                            .body());
        }
        return approved;
    }

    private static final String REDACTED = "(cancel link withheld from the desk's record)";

    private String link(UUID ticketId, String recipient, Instant resetAt) {
        ApprovalToken token = cancelTokens.issue(ticketId, recipient.toLowerCase(java.util.Locale.ROOT), resetAt);
        return cancelBaseUrl + "/desk/cancel?token=" + token.value();
    }

    /** Every owner of the organization except the requester, and the approver when they are not an owner. */
    private List<Directory.Person> owners(TicketRow ticket) {
        List<Directory.Person> people = new ArrayList<>();
        directory
                .approvers(ticket.organizationId())
                .ifPresent(approvers -> approvers.owners().stream()
                        .filter(owner -> !owner.userId().equals(ticket.userId()))
                        .forEach(people::add));
        boolean approverListed = people.stream().anyMatch(p -> p.userId().equals(ticket.approverUserId()));
        if (!approverListed
                && ticket.approverEmail() != null
                && !ticket.approverUserId().equals(ticket.userId())) {
            people.add(new Directory.Person(ticket.approverUserId(), ticket.approverEmail(), ticket.approverName()));
        }
        return people;
    }
}
