package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.mailbox.MailboxIntake.MailSource;
import io.gatekeep.desk.mailbox.MailboxReader.Tuning;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the {@link MailboxReader}: search the unseen mail, fetch the raw sources of a batch with as few
 * commands as fit in {@code batchBytes}, parse them, apply them (the messages of different senders in parallel on
 * {@code appliers}, each sender's in mailbox order), and flag the processed ones {@code \Seen} with one command.
 */
final class MailboxRound {

    private static final Logger log = LoggerFactory.getLogger(MailboxRound.class);

    private final MailboxIntake intake;
    private final Tuning tuning;
    private final ExecutorService appliers;

    MailboxRound(MailboxIntake intake, Tuning tuning, ExecutorService appliers) {
        this.intake = intake;
        this.tuning = tuning;
        this.appliers = appliers;
    }

    /**
     * One batch of unseen mail, taken in slices that each hold at most {@code batchBytes} of raw sources (a large
     * message is a slice of its own), so the heap a round needs stays bounded however big the batch; one {@code \Seen}
     * store at the end. Returns how many of its messages are done with (and now flagged seen).
     */
    int read(ImapMailbox box) throws MessagingException {
        List<Message> batch = box.unseen(tuning.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Message> done = new ArrayList<>();
        for (List<Message> slice : slices(batch)) {
            List<Pending> pending = new ArrayList<>();
            for (Map.Entry<Message, MailSource> source : sources(box, slice).entrySet()) {
                intake.read(source.getValue()).ifPresent(outcome -> pending.add(new Pending(source.getKey(), outcome)));
            }
            done.addAll(applyAll(pending));
        }
        box.markSeen(done);
        log.debug("Support mailbox round: {} unseen looked at, {} processed", batch.size(), done.size());
        return done.size();
    }

    /** Consecutive runs of small messages up to {@code batchBytes} together; each large message alone. */
    private List<List<Message>> slices(List<Message> batch) throws MessagingException {
        List<List<Message>> slices = new ArrayList<>();
        List<Message> slice = new ArrayList<>();
        long sliceBytes = 0;
        for (Message message : batch) {
            long size = inline(message) ? message.getSize() : tuning.batchBytes();
            if (!slice.isEmpty() && (sliceBytes + size > tuning.batchBytes())) {
                slices.add(slice);
                slice = new ArrayList<>();
                sliceBytes = 0;
            }
            slice.add(message);
            sliceBytes += size;
        }
        slices.add(slice);
        return slices;
    }

    private boolean inline(Message message) throws MessagingException {
        long size = message.getSize();
        return size >= 0 && size <= tuning.inlineLimitBytes();
    }

    /**
     * The slice's messages with their sources: the small ones fetched raw with one command; a large one read through
     * its {@link MimeMessage} (in chunks, or only its head when over the parser's limit). A message missing from the
     * fetch's answer was expunged meanwhile: there is nothing to read.
     */
    private Map<Message, MailSource> sources(ImapMailbox box, List<Message> slice) throws MessagingException {
        Map<Message, Long> uids = new LinkedHashMap<>();
        for (Message message : slice) {
            if (inline(message)) {
                uids.put(message, box.uid(message));
            }
        }
        Map<Long, byte[]> raw = box.rawSources(List.copyOf(uids.values()));
        Map<Message, MailSource> sources = new LinkedHashMap<>();
        for (Message message : slice) {
            if (!uids.containsKey(message)) {
                sources.put(message, parser -> parser.parse((MimeMessage) message));
            } else if (raw.containsKey(uids.get(message))) {
                byte[] bytes = raw.get(uids.get(message));
                sources.put(message, parser -> parser.parse(bytes));
            }
        }
        return sources;
    }

    /** Applies the messages, one sender's in order on one thread; returns those done with, in mailbox order. */
    private List<Message> applyAll(List<Pending> pending) {
        Map<Object, List<Pending>> bySender = new LinkedHashMap<>();
        for (Pending message : pending) {
            bySender.computeIfAbsent(message.senderKey(), key -> new ArrayList<>())
                    .add(message);
        }
        List<CompletableFuture<Void>> chains = bySender.values().stream()
                .map(chain -> CompletableFuture.runAsync(() -> chain.forEach(Pending::apply), appliers))
                .toList();
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
                .exceptionally(failure -> {
                    // apply catches what a message can throw; this is a bug, and those messages stay unseen
                    log.error("Applying a batch of support mail failed", failure);
                    return null;
                })
                .join();
        return pending.stream()
                .filter(message -> message.done)
                .map(Pending::message)
                .toList();
    }

    private final class Pending {
        private final Message message;
        private final ParseOutcome outcome;
        private volatile boolean done;

        Pending(Message message, ParseOutcome outcome) {
            this.message = message;
            this.outcome = outcome;
        }

        Message message() {
            return message;
        }

        /** The sender's address; a message without a readable sender is a chain of its own. */
        Object senderKey() {
            Optional<MailAddress> sender = outcome instanceof ParseOutcome.Parsed parsed
                    ? parsed.message().sender()
                    : ((ParseOutcome.Rejected) outcome).partial().from();
            return sender.<Object>map(MailAddress::address).orElse(this);
        }

        void apply() {
            done = intake.apply(outcome);
        }
    }
}
