package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.tickets.Directory.DirectoryUnavailable;
import io.gatekeep.desk.workflow.InboundMail;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP message at a time: parse, apply in one transaction, and only after the commit flag it {@code \Seen} on the
 * server (the mailbox is searched for unseen messages). A message whose source fails to read or whose workflow cannot
 * complete now (directory unreachable, database down) stays unseen and is picked up again at the next IDLE wake-up or
 * poll; a message that cannot be parsed is never "failed": it becomes a NEEDS_AGENT ticket.
 */
public class MailboxIntake {

    private static final Logger log = LoggerFactory.getLogger(MailboxIntake.class);

    private final MessageParser parser;
    private final InboundMail inbound;

    public MailboxIntake(MessageParser parser, InboundMail inbound) {
        this.parser = parser;
        this.inbound = inbound;
    }

    /** @return whether the message was processed (and flagged seen) */
    public boolean accept(MimeMessage message) {
        InboundMail.Result result;
        try {
            ParseOutcome outcome = parser.parse(message);
            result = inbound.receive(outcome);
        } catch (IOException e) {
            log.warn("Could not read a message from the mailbox; left unseen for the next round: {}", e.toString());
            return false;
        } catch (DirectoryUnavailable e) {
            log.warn("Directory unavailable; message left unseen for the next round: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("Message could not be applied; left unseen for the next round", e);
            return false;
        }
        try {
            message.setFlag(Flags.Flag.SEEN, true);
        } catch (MessagingException | RuntimeException e) {
            // Committed but not flagged: the next round sees it again and the dedupe key makes that a no-op.
            log.warn("Processed message ({}) could not be flagged seen: {}", result, e.toString());
        }
        log.debug("Mailbox message processed: {}", result);
        return true;
    }
}
