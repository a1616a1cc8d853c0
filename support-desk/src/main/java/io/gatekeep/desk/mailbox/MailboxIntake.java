package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.PartialHeaders;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import io.gatekeep.desk.tickets.Directory.DirectoryUnavailable;
import io.gatekeep.desk.workflow.InboundMail;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * What happens to one mailbox message: parse it, apply it in one transaction, and tell {@link MailboxReader} whether
 * it may now be flagged {@code \Seen} on the server (the mailbox is searched for unseen messages). A message whose
 * source fails to read or whose workflow cannot complete now (directory unreachable, database down) stays unseen and
 * is picked up again at the next round; a message that cannot be parsed is never "failed": it becomes a NEEDS_AGENT
 * ticket. A parsed message whose workflow fails for any other reason {@code maxAttempts} times in a row becomes a
 * NEEDS_AGENT ticket too ({@code MESSAGE_UNPROCESSABLE}), so one poison message is neither lost nor retried forever.
 * Thread-safe: the reader applies the messages of different senders in parallel.
 */
public class MailboxIntake {

    private static final Logger log = LoggerFactory.getLogger(MailboxIntake.class);
    /** Bounds the failure counts kept; a count lost to a reset only means more retries, never a lost message. */
    private static final int MAX_TRACKED = 10_000;

    private final MessageParser parser;
    private final Function<ParseOutcome, InboundMail.Result> apply;
    private final int maxAttempts;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public MailboxIntake(MessageParser parser, InboundMail inbound) {
        this(parser, inbound::receive, 5);
    }

    MailboxIntake(MessageParser parser, Function<ParseOutcome, InboundMail.Result> apply, int maxAttempts) {
        this.parser = parser;
        this.apply = apply;
        this.maxAttempts = maxAttempts;
    }

    /** The raw source of one mailbox message, read on demand. */
    @FunctionalInterface
    public interface MailSource {
        /** Parse problems become {@code Rejected} outcomes; only a failure to read the source throws. */
        ParseOutcome read(MessageParser parser) throws IOException;
    }

    /** Reads and parses a message; empty (logged) when its source could not be read, so it stays for the next round. */
    public Optional<ParseOutcome> read(MailSource source) {
        try {
            return Optional.of(source.read(parser));
        } catch (IOException e) {
            log.warn("Could not read a message from the mailbox; left unseen for the next round: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Applies a parsed (or rejected) message in its transaction.
     *
     * @return whether it is done with (committed, or filed for an agent): only then may it be flagged seen
     */
    public boolean apply(ParseOutcome outcome) {
        Optional<InboundMail.Result> result = applyOrGiveUp(outcome);
        result.ifPresent(done -> log.debug("Mailbox message processed: {}", done));
        return result.isPresent();
    }

    private Optional<InboundMail.Result> applyOrGiveUp(ParseOutcome outcome) {
        String key = outcome.dedupeKey().asString();
        try {
            InboundMail.Result result = apply.apply(outcome);
            failures.remove(key);
            return Optional.of(result);
        } catch (DirectoryUnavailable e) {
            log.warn("Directory unavailable; message left unseen for the next round: {}", e.getMessage());
        } catch (TransientDataAccessException | DataAccessResourceFailureException | TransactionException e) {
            log.warn("Database unavailable; message left unseen for the next round: {}", e.toString());
        } catch (RuntimeException e) {
            int attempts = failures.merge(key, 1, Integer::sum);
            if (failures.size() > MAX_TRACKED) {
                failures.clear();
            }
            if (attempts < maxAttempts || !(outcome instanceof Parsed parsed)) {
                log.error(
                        "Message could not be applied (attempt {} of {}); left unseen for the next round",
                        attempts,
                        maxAttempts,
                        e);
                return Optional.empty();
            }
            return giveUp(parsed, attempts, e);
        }
        return Optional.empty();
    }

    /** Files the message for an agent instead of applying it, keeping its dedupe key so it stays one ticket. */
    private Optional<InboundMail.Result> giveUp(Parsed parsed, int attempts, RuntimeException cause) {
        InboundMessage message = parsed.message();
        Rejected unprocessable = new Rejected(
                Reason.UNPROCESSABLE,
                "applying it failed " + attempts + " times: " + cause.getClass().getSimpleName(),
                new PartialHeaders(message.messageId(), message.sender(), Optional.ofNullable(message.subject())),
                0,
                parsed.dedupeKey());
        try {
            InboundMail.Result result = apply.apply(unprocessable);
            failures.remove(parsed.dedupeKey().asString());
            log.error("Message failed {} times and was filed for an agent (MESSAGE_UNPROCESSABLE)", attempts, cause);
            return Optional.of(result);
        } catch (RuntimeException e) {
            log.error("Message failed {} times and could not be filed for an agent either; left unseen", attempts, e);
            return Optional.empty();
        }
    }
}
