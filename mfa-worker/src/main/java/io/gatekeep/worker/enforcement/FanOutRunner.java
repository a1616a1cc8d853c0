package io.gatekeep.worker.enforcement;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The background loop that works through unfinished fan-outs: woken when one starts, and every poll interval anyway
 * (to pick up what a crashed instance left). Several instances may run it; the job's row locks keep them apart.
 */
class FanOutRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FanOutRunner.class);
    private static final int BATCHES_PER_ROUND = 1_000;

    private final FanOutJob job;
    private final Duration pollInterval;
    private final boolean autoStartup;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    FanOutRunner(FanOutJob job, Duration pollInterval, boolean autoStartup) {
        this.job = job;
        this.pollInterval = pollInterval;
        this.autoStartup = autoStartup;
    }

    void wakeUp() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = job.runAll(BATCHES_PER_ROUND, () -> running) >= BATCHES_PER_ROUND;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Enforcement fan-out round failed; retrying after {}", pollInterval, e);
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
        thread = new Thread(this::loop, "enforcement-fan-out");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        wakeUp();
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
