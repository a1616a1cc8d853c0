package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.mailbox.ImapMailbox.MailboxSettings;
import io.gatekeep.desk.mailbox.MailboxIntake.MailSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the support folder in batches on one thread of its own: search the unseen mail, fetch a batch's raw sources
 * with one command, parse them, apply them (the messages of different senders in parallel, each sender's in mailbox
 * order), then flag the processed ones {@code \Seen} with one command. When nothing is unseen it waits in IMAP IDLE
 * (renewed every {@code idleRenewal}) or sleeps {@code pollInterval}. A lost connection is reopened with a growing
 * pause; whatever was not flagged is found again by the next search, and the dedupe key makes a repeat a no-op.
 *
 * <p>Messages over {@code inlineLimitBytes} are not fetched in the batch command: each is read through its own
 * {@link MimeMessage}, in 1 MiB chunks, and one over the parser's size limit is read no further than its head.
 */
public final class MailboxReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    /** How the reader waits for new mail when the folder holds nothing unseen. */
    public enum WaitMode { IDLE, POLL, AUTO }

    /**
     * @param batchSize messages per round
     * @param workers threads applying the messages of a round (one sender's messages stay on one thread, in order)
     * @param inlineLimitBytes messages up to this size are fetched with the batch command
     * @param batchBytes at most this many bytes of raw sources are fetched by one command
     */
    public record Tuning(WaitMode mode, Duration pollInterval, Duration idleRenewal, int batchSize, int workers,
                         long inlineLimitBytes, long batchBytes) {
    }

    private final MailboxSettings settings;
    private final MailboxIntake intake;
    private final Tuning tuning;
    private volatile CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile ImapMailbox current;
    /** The server reported new messages since the current round's search began. */
    private final AtomicBoolean newMail = new AtomicBoolean();
    private volatile boolean idling;
    private Thread thread;
    private boolean autoStartup = true;
    private ExecutorService appliers;
    private ScheduledExecutorService idleTimer;

    MailboxReader(MailboxSettings settings, MailboxIntake intake, Tuning tuning) {
        this.settings = settings;
        this.intake = intake;
        this.tuning = tuning;
    }

    /** False: the reader is created with the context but waits for {@link #start()} (benchmarks, maintenance). */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        appliers = Executors.newFixedThreadPool(tuning.workers(), daemonThreads("support-mailbox-apply"));
        idleTimer = Executors.newSingleThreadScheduledExecutor(daemonThreads("support-mailbox-idle"));
        thread = daemonThreads("support-mailbox").newThread(this::run);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopped.countDown();
        try {
            // Angus Mail ends an IDLE when the folder is used from another thread, but not within a second of the
            // connection's last command: keep asking until the reader has left.
            for (int i = 0; i < 20 && thread.isAlive(); i++) {
                ImapMailbox box = current;
                if (box != null) {
                    box.interruptIdle();
                }
                thread.join(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appliers.shutdownNow();
        idleTimer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (ImapMailbox box = ImapMailbox.open(settings)) {
                current = box;
                box.onNewMail(() -> {
                    newMail.set(true);
                    if (idling) {
                        idleTimer.execute(box::interruptIdle);
                    }
                });
                boolean idle = tuning.mode() == WaitMode.IDLE || tuning.mode() == WaitMode.AUTO && box.offersIdle();
                log.info("Support mailbox {} open: {}", settings,
                        idle ? "IMAP IDLE, renewed every " + tuning.idleRenewal()
                                : "polling every " + tuning.pollInterval());
                retry = FIRST_RETRY;
                while (running) {
                    // Nothing done (nothing unseen, or only messages that must wait: an outage, a failing message):
                    // wait for new mail or the next renewal/poll rather than trying again at once.
                    if (round(box) == 0) {
                        waitForMail(box, idle);
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("Support mailbox {} unavailable ({}); trying again in {}", settings, e.toString(), retry);
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                current = null;
            }
        }
    }

    /**
     * One batch of unseen mail, taken in slices that each hold at most {@code batchBytes} of raw sources (a large
     * message is a slice of its own), so the heap a round needs stays bounded however big the batch; one {@code \Seen}
     * store at the end. Returns how many of its messages are done with (and now flagged seen).
     */
    private int round(ImapMailbox box) throws MessagingException {
        newMail.set(false); // what arrives from here on is either found by this search or wakes the next wait
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
        Map<String, List<Pending>> bySender = new LinkedHashMap<>();
        for (Pending message : pending) {
            bySender.computeIfAbsent(message.senderKey(), key -> new ArrayList<>()).add(message);
        }
        List<CompletableFuture<Void>> chains = bySender.values().stream()
                .map(chain -> CompletableFuture.runAsync(() -> chain.forEach(Pending::apply), appliers))
                .toList();
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).exceptionally(failure -> {
            // apply catches what a message can throw; this is a bug, and those messages stay unseen
            log.error("Applying a batch of support mail failed", failure);
            return null;
        }).join();
        return pending.stream().filter(message -> message.done).map(Pending::message).toList();
    }

    /**
     * Waits for new mail. Mail the server reported after this round's search began (with the search's or the store's
     * answer, or just as the IDLE starts) skips or ends the wait; the renewal bounds whatever slips through.
     */
    private void waitForMail(ImapMailbox box, boolean idle) throws MessagingException {
        if (!idle) {
            pause(tuning.pollInterval());
            return;
        }
        idling = true;
        ScheduledFuture<?> renewal = idleTimer.schedule(box::interruptIdle, tuning.idleRenewal().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            if (!newMail.get()) {
                box.idle();
            }
        } finally {
            idling = false;
            renewal.cancel(false);
        }
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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

        /** Messages without a readable sender are each their own chain. */
        String senderKey() {
            Optional<MailAddress> sender = outcome instanceof ParseOutcome.Parsed parsed ? parsed.message().sender()
                    : ((ParseOutcome.Rejected) outcome).partial().from();
            return sender.map(MailAddress::address).orElseGet(() -> "#" + System.identityHashCode(this));
        }

        void apply() {
            done = intake.apply(outcome);
        }
    }
}
