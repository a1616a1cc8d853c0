package io.gatekeep.desk.workflow;

import java.util.UUID;

/** What the agents' actions need from the workflow beyond status moves: ending tokens and telling the requester. */
public class AgentSupport {

    private final Tokens tokens;
    private final DeskMail mail;

    public AgentSupport(Tokens tokens, DeskMail mail) {
        this.tokens = tokens;
        this.mail = mail;
    }

    public void retireTokens(UUID ticketId) {
        tokens.retireAll(ticketId);
    }

    public void tellRequesterDenied(TicketRow ticket) {
        if (ticket.requesterEmail() != null) {
            mail.send(Letters.denied(ticket));
        }
    }
}
