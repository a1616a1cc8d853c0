package io.gatekeep.bench;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.outbox.JdbcOutboxWriter;
import io.gatekeep.testing.TestEnvironment;
import io.gatekeep.worker.MfaWorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event pipeline end to end: events committed through the outbox writer, published by the relay, consumed by the
 * worker's audit handler. Starts embedded PostgreSQL and Kafka and the worker in-process, then runs
 *
 * <ol>
 *   <li>a throughput run: N events (default 50,000) written as fast as the writers go, in transactions of
 *       {@code --tx-size} events by {@code --writers} threads; events/s from the first commit to the last applied;</li>
 *   <li>a paced run: {@code --rate} events/s (default 1,000) for {@code --seconds} seconds.</li>
 * </ol>
 *
 * Lag = audit handler's {@code processed_event.processed_at} − the writer's commit time (same JVM clock).
 * Arguments: {@code --events=50000 --tx-size=50 --writers=2 --rate=1000 --seconds=20}.
 */
public final class EventPipelineBenchmark {

    private final JdbcOutboxWriter writer;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;

    private EventPipelineBenchmark(ConfigurableApplicationContext worker) {
        this.writer = worker.getBean(JdbcOutboxWriter.class);
        this.transaction = worker.getBean(TransactionTemplate.class);
        this.jdbc = worker.getBean(JdbcTemplate.class);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int events = Integer.parseInt(options.getOrDefault("events", "50000"));
        int txSize = Integer.parseInt(options.getOrDefault("tx-size", "50"));
        int writers = Integer.parseInt(options.getOrDefault("writers", "2"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));

        System.out.println("Starting embedded PostgreSQL, Kafka and SMTP...");
        TestEnvironment env = TestEnvironment.create();
        Map<String, Object> properties = new HashMap<>(env.springProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.apache.kafka", "ERROR");
        properties.put("spring.main.banner-mode", "off");
        // Any --spring.*, --gatekeep.* or --logging.* argument goes to the worker
        // (e.g. --gatekeep.outbox.relay.batch-size=1000).
        Arrays.stream(args)
                .filter(arg ->
                        arg.startsWith("--spring.") || arg.startsWith("--gatekeep.") || arg.startsWith("--logging."))
                .forEach(
                        arg -> properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1)));
        // As command-line arguments, so that they override the worker's application.yml.
        String[] workerArgs = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext worker =
                new SpringApplicationBuilder(MfaWorkerApplication.class).run(workerArgs)) {
            EventPipelineBenchmark bench = new EventPipelineBenchmark(worker);
            System.out.printf(
                    "Worker started (%d cores). Warming up...%n",
                    Runtime.getRuntime().availableProcessors());
            bench.throughput(2_000, 50, 1, false);
            System.out.printf(
                    "%nThroughput run: %,d events, transactions of %d, %d writer threads%n", events, txSize, writers);
            bench.throughput(events, txSize, writers, true);
            System.out.printf("%nPaced run: %,d events/s for %d s (transactions of 10 events)%n", rate, seconds);
            bench.paced(rate, seconds);
        }
        System.exit(0);
    }

    private void throughput(int events, int txSize, int writers, boolean report) throws Exception {
        String run = nextRun();
        Map<UUID, Instant> committed = new ConcurrentHashMap<>(events * 2);
        AtomicInteger remaining = new AtomicInteger(events);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        Instant firstCommit = Instant.now();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            running.add(pool.submit(() -> {
                int n;
                while ((n = take(remaining, txSize)) > 0) {
                    commit(run, n, committed);
                }
            }));
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        if (report) {
            progress.scheduleAtFixedRate(() -> printProgress(start, committed.size()), 2, 2, TimeUnit.SECONDS);
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        Instant lastApplied = awaitApplied(run, events, Duration.ofMinutes(10));
        progress.shutdownNow();
        if (report) {
            double seconds = Duration.between(firstCommit, lastApplied).toNanos() / 1e9;
            System.out.printf("  written in %.2f s (%,.0f events/s committed)%n", writeSeconds, events / writeSeconds);
            System.out.printf(
                    "  end to end: %,d events in %.2f s = %,.0f events/s (first commit -> last applied)%n",
                    events, seconds, events / seconds);
            printLag(run, committed);
        }
    }

    private void paced(int rate, int seconds) throws Exception {
        int perTick = 10;
        long periodMicros = 1_000_000L * perTick / rate;
        int ticks = rate * seconds / perTick;
        String run = nextRun();
        Map<UUID, Instant> committed = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(
                () -> {
                    if (done.getAndIncrement() < ticks) {
                        commit(run, perTick, committed);
                    }
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        while (done.get() < ticks) {
            Thread.sleep(100);
        }
        task.cancel(false);
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        awaitApplied(run, committed.size(), Duration.ofMinutes(5));
        System.out.printf(
                "  %,d events committed in %.1f s (%,.0f events/s achieved)%n",
                committed.size(), elapsed, committed.size() / elapsed);
        printLag(run, committed);
    }

    /** Where the events are: committed by the writers, still in the outbox, applied by the worker. */
    private void printProgress(long start, int committed) {
        Integer pending =
                jdbc.queryForObject("select count(*) from outbox_event where status = 'PENDING'", Integer.class);
        Integer applied =
                jdbc.queryForObject("select count(*) from processed_event where consumer = 'audit'", Integer.class);
        System.out.printf(
                "    t=%4.1fs committed %,7d  outbox pending %,7d  applied (all runs) %,7d%n",
                (System.nanoTime() - start) / 1e9, committed, pending, applied);
    }

    private static int take(AtomicInteger remaining, int txSize) {
        while (true) {
            int left = remaining.get();
            int n = Math.min(left, txSize);
            if (n == 0 || remaining.compareAndSet(left, left - n)) {
                return n;
            }
        }
    }

    /** Each run marks its events with its own client IP, to find them in the audit trail. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static String nextRun() {
        return "203.0.113." + RUNS.incrementAndGet();
    }

    private void commit(String run, int count, Map<UUID, Instant> committed) {
        List<SignedIn> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(new SignedIn(UUID.randomUUID(), UUID.randomUUID(), SignInMethod.PASSWORD, run));
        }
        List<EventEnvelope> envelopes = transaction.execute(status -> writer.appendAll(batch));
        Instant commitTime = Instant.now();
        envelopes.forEach(envelope -> committed.put(envelope.id(), commitTime));
    }

    /** Every audit-handler record of a run's events (the run's events carry the run's client IP). */
    private static final String APPLIED = """
            from processed_event p join audit_entry a on a.event_id = p.event_id
            where p.consumer = 'audit' and a.client_ip = ?
            """;

    /** Audit-handler records of all runs so far (each run waits for all of its events). */
    private int appliedBefore;

    /**
     * Waits until the audit handler applied every event of the run; returns when the last one was applied (its
     * {@code processed_at}, so how often this polls does not change the result). Polls a cheap count rather than the
     * join, which would compete with the pipeline for the CPU while it drains.
     */
    private Instant awaitApplied(String run, int events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Integer applied =
                    jdbc.queryForObject("select count(*) from processed_event where consumer = 'audit'", Integer.class);
            if (applied != null && applied >= appliedBefore + events) {
                Integer ofRun = jdbc.queryForObject("select count(*) " + APPLIED, Integer.class, run);
                if (ofRun != null && ofRun >= events) {
                    appliedBefore = applied;
                    return jdbc.queryForObject("select max(p.processed_at) " + APPLIED, OffsetDateTime.class, run)
                            .toInstant();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Not all events were applied within " + timeout);
    }

    /** How many relay marks and audit transactions a run took (events per batch on either side of Kafka). */
    private void printBatches(String run) {
        Map<String, Object> batches = jdbc.queryForMap("""
                select count(distinct o.published_at) as relay, count(distinct p.processed_at) as consumer
                from processed_event p join audit_entry a on a.event_id = p.event_id
                     join outbox_event o on o.event_id = p.event_id
                where p.consumer = 'audit' and a.client_ip = ?
                """, run);
        System.out.printf(
                "  batches: the relay marked %,d times, the audit handler committed %,d transactions%n",
                ((Number) batches.get("relay")).longValue(), ((Number) batches.get("consumer")).longValue());
    }

    private void printLag(String run, Map<UUID, Instant> committed) {
        long[] lagMicros = jdbc
                .query(
                        "select p.event_id, p.processed_at " + APPLIED,
                        (row, index) -> Duration.between(
                                                committed.get(row.getObject(1, UUID.class)),
                                                row.getObject(2, OffsetDateTime.class)
                                                        .toInstant())
                                        .toNanos()
                                / 1_000,
                        run)
                .stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        System.out.printf(
                "  commit-to-applied lag: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d events)%n",
                percentile(lagMicros, 50) / 1000.0,
                percentile(lagMicros, 99) / 1000.0,
                lagMicros[lagMicros.length - 1] / 1000.0,
                lagMicros.length);
        printBatches(run);
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .forEach(arg -> options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1)));
        return options;
    }
}
