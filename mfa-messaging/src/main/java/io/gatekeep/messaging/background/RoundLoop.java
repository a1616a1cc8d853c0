package io.gatekeep.messaging.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work done in rounds by background threads: a round that found more waiting is followed at once by the next; else
 * the thread sleeps for the poll interval or until {@link #wakeUp()}. A round that throws is logged and tried again
 * after the poll interval. Several threads (and instances) may run rounds at once only when the rounds themselves
 * keep them apart (row claims, locks).
 */
public final class RoundLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoundLoop.class);

    /** One round; returns true when more work is waiting, so the next round starts at once. */
    @FunctionalInterface
    public interface Round {
        boolean run() throws InterruptedException;
    }

    private final String name;
    private final int threads;
    private final Duration pollInterval;
    private final boolean autoStartup;
    private final boolean interruptOnStop;
    private final Round round;
    private final Runnable beforeStart;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private boolean woken;
    private List<Thread> workers = List.of();

    /**
     * @param interruptOnStop interrupt rounds when stopping (for rounds that sleep, e.g. a throttle); leave it off
     *                        where an interrupt could cut a step in two (a sent email not yet marked)
     * @param beforeStart     runs on the starting thread before any round (e.g. loading what the threads would all
     *                        load at once otherwise)
     */
    public RoundLoop(
            String name,
            int threads,
            Duration pollInterval,
            boolean autoStartup,
            boolean interruptOnStop,
            Round round,
            Runnable beforeStart) {
        this.name = name;
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.autoStartup = autoStartup;
        this.interruptOnStop = interruptOnStop;
        this.round = round;
        this.beforeStart = beforeStart;
    }

    /** Ends a sleeping thread's pause now (one thread; a round that finds more wakes no other). */
    public void wakeUp() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    /** False once stopping: a long round may check it between steps. */
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = round.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} round failed; retrying after {}", name, pollInterval, e);
            }
            if (!more) {
                pause();
            }
        }
    }

    private void pause() {
        synchronized (wakeUp) {
            long until = System.nanoTime() + pollInterval.toNanos();
            while (running && !woken) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        beforeStart.run();
        List<Thread> started = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            Thread thread = new Thread(this::loop, threads == 1 ? name : name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        workers = List.copyOf(started);
    }

    /** Stops the threads: a sleeping one at once, one in a round when the round returns or is interrupted. */
    @Override
    public void stop() {
        List<Thread> stopping;
        synchronized (this) {
            running = false;
            stopping = workers;
            workers = List.of();
        }
        wakeUp();
        for (Thread thread : stopping) {
            if (interruptOnStop) {
                thread.interrupt();
            }
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
