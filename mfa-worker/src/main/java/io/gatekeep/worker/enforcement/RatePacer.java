package io.gatekeep.worker.enforcement;

import java.util.function.LongSupplier;

/**
 * A reservation pacer: each call reserves its permits right after the previous reservation and waits until its own
 * start. So the first batch goes at once, later ones follow at {@code perSecond}, and idle time earns no burst.
 */
final class RatePacer implements Pacer {

    /** Waits, in nanoseconds; {@code TimeUnit.NANOSECONDS::sleep} in production. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double nanosPerPermit;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean started;

    RatePacer(int perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive");
        }
        this.nanosPerPermit = 1_000_000_000d / perSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    @Override
    public synchronized void acquire(int permits) throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (!started || nextFree - now < 0) {
            nextFree = now;
            started = true;
        }
        long wait = nextFree - now;
        nextFree += (long) Math.ceil(permits * nanosPerPermit);
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }
}
