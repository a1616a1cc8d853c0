package io.gatekeep.messaging.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoundLoopTest {

    /** Long enough that a test passing within it cannot be explained by the poll interval. */
    private static final Duration SLEEP = Duration.ofMinutes(10);

    @Test
    void runsTheNextRoundAtOnceWhileMoreIsWaitingThenSleepsUntilWoken() {
        AtomicInteger waiting = new AtomicInteger(5);
        AtomicInteger rounds = new AtomicInteger();
        RoundLoop loop = new RoundLoop(
                "test",
                1,
                SLEEP,
                false,
                false,
                () -> {
                    rounds.incrementAndGet();
                    return waiting.getAndUpdate(left -> Math.max(0, left - 1)) > 1;
                },
                () -> {});
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 5);
            assertThat(rounds.get())
                    .as("asleep after the round that found nothing more")
                    .isEqualTo(5);

            waiting.set(1);
            loop.wakeUp();

            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 6);
        } finally {
            loop.stop();
        }
    }

    @Test
    void aFailingRoundIsTriedAgainAfterThePollInterval() {
        AtomicInteger attempts = new AtomicInteger();
        RoundLoop loop = new RoundLoop(
                "test",
                1,
                Duration.ofMillis(50),
                false,
                false,
                () -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("database down");
                    }
                    return false;
                },
                () -> {});
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
        } finally {
            loop.stop();
        }
    }

    @Test
    void runsRoundsOnEveryThreadAndStopsSleepingThreadsAtOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger beforeStart = new AtomicInteger();
        RoundLoop loop = new RoundLoop(
                "test",
                3,
                SLEEP,
                false,
                false,
                () -> {
                    threads.add(Thread.currentThread().getName());
                    return false;
                },
                beforeStart::incrementAndGet);
        loop.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 3);
        long stopping = System.nanoTime();
        loop.stop();

        assertThat(threads).containsExactlyInAnyOrder("test-1", "test-2", "test-3");
        assertThat(beforeStart).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void stopInterruptsARoundWhenAskedTo() {
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        RoundLoop loop = new RoundLoop(
                "test",
                1,
                SLEEP,
                false,
                true,
                () -> {
                    started.incrementAndGet();
                    try {
                        new CountDownLatch(1).await(); // a throttled round, waiting for its next turn
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                    return false;
                },
                () -> {});
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);

        loop.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> interrupted.get() == 1);
    }
}
