package io.gatekeep.worker.enforcement;

/**
 * Keeps the fan-out to a rate: {@link #acquire} blocks until {@code permits} more notices fit. An interface so tests
 * pace without sleeping.
 */
interface Pacer {

    Pacer UNTHROTTLED = permits -> {};

    void acquire(int permits) throws InterruptedException;

    /** The pacer for {@code perSecond} notices per second (0: none), on the system's monotonic clock. */
    static Pacer perSecond(int perSecond) {
        return perSecond == 0
                ? UNTHROTTLED
                : new RatePacer(
                        perSecond, System::nanoTime, nanos -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos));
    }
}
