package io.gatekeep.worker.enforcement;

import io.gatekeep.messaging.background.RoundLoop;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * The background loop that works through unfinished fan-outs: woken when one starts, and every poll interval anyway
 * (to pick up what a crashed instance left). Several instances may run it; the job's row locks keep them apart.
 * Stopping interrupts a round (a throttled fan-out sleeps between batches); the job resumes from its cursor.
 */
class FanOutRunner implements SmartLifecycle {

    private static final int BATCHES_PER_ROUND = 1_000;

    private final RoundLoop loop;

    FanOutRunner(FanOutJob job, Duration pollInterval, boolean autoStartup) {
        this.loop = new RoundLoop(
                "enforcement-fan-out",
                1,
                pollInterval,
                autoStartup,
                true,
                () -> job.runAll(BATCHES_PER_ROUND, this::isRunning) >= BATCHES_PER_ROUND,
                () -> {});
    }

    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return loop.isAutoStartup();
    }
}
