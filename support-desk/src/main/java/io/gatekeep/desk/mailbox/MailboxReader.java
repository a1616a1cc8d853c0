package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.mailbox.ImapMailbox.MailboxSettings;
import jakarta.mail.MessagingException;
import java.time.Duration;
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
 * Reads the support folder on one thread of its own, in {@link MailboxRound}s (a batch of unseen mail fetched,
 * applied and flagged {@code \Seen} with a handful of commands). When a round finds nothing to do it waits in IMAP
 * IDLE (renewed every {@code idleRenewal}) or sleeps {@code pollInterval}; new mail the server reports after a round's
 * search began skips or ends that wait. A lost connection is reopened with a growing pause; whatever was not flagged
 * is found again by the next search, and the dedupe key makes a repeat a no-op.
 */
public final class MailboxReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    /** How the reader waits for new mail when the folder holds nothing unseen. */
    public enum WaitMode {
        IDLE,
        POLL,
        AUTO
    }

    /**
     * @param batchSize messages per round
     * @param workers threads applying the messages of a round (one sender's messages stay on one thread, in order)
     * @param inlineLimitBytes messages up to this size are fetched with the batch command
     * @param batchBytes at most this many bytes of raw sources are fetched by one command
     * @param reopenAfterMessages the connection is opened afresh, when next idle, after this many processed messages
     */
    public record Tuning(
            WaitMode mode,
            Duration pollInterval,
            Duration idleRenewal,
            int batchSize,
            int workers,
            long inlineLimitBytes,
            long batchBytes,
            int reopenAfterMessages) {}

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
    private MailboxRound rounds;
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
        rounds = new MailboxRound(intake, tuning, appliers);
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
            // ends an IDLE; a round in progress finishes its current command first: ask again until the reader left
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
                log.info(
                        "Support mailbox {} open: {}",
                        settings,
                        idle
                                ? "IMAP IDLE, renewed every " + tuning.idleRenewal()
                                : "polling every " + tuning.pollInterval());
                retry = FIRST_RETRY;
                int processedOnThisConnection = 0;
                while (running) {
                    newMail.set(false); // what arrives from here on is found by this round or wakes the wait
                    int done = rounds.read(box);
                    processedOnThisConnection += done;
                    if (done > 0) {
                        continue;
                    }
                    // Angus Mail keeps a message object for every message a connection has touched: start afresh
                    // now and then, at a quiet moment, so a long-lived reader's memory stays bounded.
                    if (processedOnThisConnection >= tuning.reopenAfterMessages()) {
                        break;
                    }
                    // Nothing done (nothing unseen, or only messages that must wait: an outage, a failing message):
                    // wait for new mail or the next renewal/poll rather than trying again at once.
                    waitForMail(box, idle);
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
     * Waits for new mail. Mail the server reported after this round's search began (with the search's or the store's
     * answer, or just as the IDLE starts) skips or ends the wait; the renewal bounds whatever slips through.
     */
    private void waitForMail(ImapMailbox box, boolean idle) throws MessagingException {
        if (!idle) {
            pause(tuning.pollInterval());
            return;
        }
        idling = true;
        ScheduledFuture<?> renewal =
                idleTimer.schedule(box::interruptIdle, tuning.idleRenewal().toMillis(), TimeUnit.MILLISECONDS);
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
}
