package io.gatekeep.worker.mfa;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link SetupSweep} every interval on one daemon thread; a failed sweep is logged and tried next time. */
class SetupSweepLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SetupSweepLoop.class);

    private final SetupSweep sweep;
    private final SetupSweepProperties properties;
    private ScheduledExecutorService executor;

    SetupSweepLoop(SetupSweep sweep, SetupSweepProperties properties) {
        this.sweep = sweep;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mfa-setup-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::sweepOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        try {
            sweep.sweepExpired();
        } catch (RuntimeException e) {
            log.warn("Sweep of abandoned MFA setups failed; retrying in {}: {}", properties.interval(), e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
