package io.gatekeep.desk.workflow;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.authresults.SenderAuthentication;
import io.gatekeep.desk.tickets.Check;
import io.gatekeep.desk.tickets.TicketStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A STOP reply on an approved ticket cancels the reset while it can still be stopped, but only from the requester's
 * registered address (not merely the address the request came from) and, where {@code support} requires it, with the
 * sender's domain authenticated like an owner's reply. Anything else is recorded on the thread and changes nothing.
 */
public class StopAfterApproval {

    private final Cancellations cancellations;
    private final Optional<SenderAuthentication> authentication;

    /** @param authentication empty when {@code support.require-authenticated-sender} is off */
    public StopAfterApproval(Cancellations cancellations, Optional<SenderAuthentication> authentication) {
        this.cancellations = cancellations;
        this.authentication = authentication;
    }

    boolean applies(TicketRow ticket) {
        return ticket.status() == TicketStatus.APPROVED;
    }

    /** Cancels the locked ticket when every check passes; returns the checks for the thread. */
    List<Check> stop(TicketRow ticket, InboundMessage message) {
        List<Check> checks = new ArrayList<>();
        Optional<String> sender = message.sender().map(MailAddress::address);
        boolean registered = ticket.requesterEmail() != null
                && sender.filter(ticket.requesterEmail()::equalsIgnoreCase).isPresent();
        checks.add(
                registered
                        ? Check.pass("stop-sender", "From is the requester's registered address")
                        : Check.fail(
                                "stop-sender",
                                "From " + sender.orElse("(none or several)")
                                        + " is not the requester's registered address"));
        if (registered) {
            authentication
                    .map(auth -> InboundMail.authenticationCheck(
                            auth,
                            message,
                            MailAddress.of(ticket.requesterEmail()).domain()))
                    .ifPresent(checks::add);
        }
        boolean stoppable = cancellations.stoppable(ticket);
        checks.add(
                stoppable
                        ? Check.pass("stop-in-time", "the reset has not been released yet")
                        : Check.fail("stop-in-time", "the reset time has passed"));
        if (checks.stream().allMatch(Check::passed)) {
            cancellations.cancel(ticket, "REQUESTER", "REQUESTER_STOP", ticket.requesterName());
        }
        return checks;
    }
}
