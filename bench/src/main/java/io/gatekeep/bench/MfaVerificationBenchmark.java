package io.gatekeep.bench;

import io.gatekeep.bench.EnrolledUsers.EnrolledUser;
import io.gatekeep.bench.MfaLoad.Pending;
import io.gatekeep.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MFA verification benchmark: enrolled users completing the second sign-in step, {@code POST /api/v1/auth/mfa} with a fresh
 * valid TOTP code. Starts embedded PostgreSQL and Kafka (mfa-test-support), mfa-api as a child process with a capped
 * heap, seeds the enrolled users straight into its tables, then for each phase first collects the users' challenges
 * with password sign-ins (not measured: a different cost) and then measures only the verifications:
 *
 * <ol>
 *   <li>warm-up (JIT, connection pools), closed loop, with {@code --warmup} users of its own;</li>
 *   <li>saturation: {@code --concurrency} verifications in flight, as fast as the API answers: verifications/s;</li>
 *   <li>paced: {@code --rate} verifications/s started on the clock (open loop) for {@code --paced-seconds}:
 *       latency p50/p99 from each request's scheduled start.</li>
 * </ol>
 *
 * The {@code --users} measured (saturation, then paced) and the warm-up users are all seeded; every user verifies
 * exactly once. The API's heap is sampled from its actuator throughout. Arguments:
 * {@code --users=20000 --warmup=8000 --concurrency=32 --rate=500 --paced-seconds=16 --api-heap=256m
 * --api-jar=<path> --api-jvm-arg=<arg>} (repeatable); any {@code --spring.*}, {@code --gatekeep.*},
 * {@code --logging.*}, {@code --server.*} or {@code --management.*} argument goes to the API.
 */
public final class MfaVerificationBenchmark {

    private static final double TARGET_PER_SECOND = 1_000;
    private static final double TARGET_P99_MILLIS = 30;
    private static final double TARGET_HEAP_MB = 256;
    private static final Pattern PORT = Pattern.compile("//[^/:]+:(\\d+)/");

    private final ServiceProcess api;
    private final MfaLoad load;
    private final CpuMeter cpu;
    private final TestEnvironment env;
    private final HeapWatch heap;
    private final int signInConcurrency;

    private MfaVerificationBenchmark(ServiceProcess api, TestEnvironment env, int signInConcurrency) {
        this.api = api;
        this.env = env;
        this.load = new MfaLoad(api.baseUrl());
        Matcher port = PORT.matcher(env.database().jdbcUrl());
        this.cpu = new CpuMeter(api.pid(), port.find() ? Integer.parseInt(port.group(1)) : -1);
        this.heap = new HeapWatch(api);
        this.signInConcurrency = signInConcurrency;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Map<String, String> options = options(args);
        int users = Integer.parseInt(options.getOrDefault("users", "20000"));
        // warm-up users come on top of the measured ones: the JIT was still compiling (C2 threads took a seventh of
        // the machine) through a saturation phase that followed only 2,000 warm-up verifications
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "8000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "500"));
        int pacedSeconds = Integer.parseInt(options.getOrDefault("paced-seconds", "16"));
        int paced = rate * pacedSeconds;
        int saturation = users - paced;
        if (saturation <= 0) {
            throw new IllegalArgumentException("--users must exceed --rate * --paced-seconds");
        }
        Path jar = ServiceProcess.executableJar("mfa-api", options.get("api-jar"));
        System.out.printf(
                "Machine: %d cores, load average %s. API jar: %s (built %s)%n",
                Runtime.getRuntime().availableProcessors(),
                CpuMeter.loadAverage(),
                jar,
                Files.getLastModifiedTime(jar));
        System.out.println("Starting embedded PostgreSQL, Kafka and SMTP...");
        TestEnvironment env = TestEnvironment.create();
        SeedCrypto crypto = new SeedCrypto();
        Map<String, String> properties = apiProperties(env, crypto, args);
        List<String> jvmArgs = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--api-jvm-arg="))
                .map(arg -> arg.substring("--api-jvm-arg=".length()))
                .toList();
        String maxHeap = options.getOrDefault("api-heap", "256m");
        try (ServiceProcess api = ServiceProcess.start("mfa-api", jar, maxHeap, jvmArgs, properties)) {
            System.out.printf("Starting mfa-api (pid %d, -Xmx%s, log %s)...%n", api.pid(), maxHeap, api.log());
            api.awaitHealthy(Duration.ofMinutes(5));
            MfaVerificationBenchmark bench = new MfaVerificationBenchmark(
                    api, env, Integer.parseInt(options.getOrDefault("sign-in-concurrency", "16")));
            bench.run(crypto, warmup + users, warmup, saturation, concurrency, rate);
        }
        // the embedded broker's shutdown hook races the deletion of its temporary directory: noise, not news
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.OFF);
        }
        System.exit(0);
    }

    private void run(SeedCrypto crypto, int users, int warmup, int saturation, int concurrency, int rate)
            throws Exception {
        System.out.printf("mfa-api up (GC: %s). Seeding %,d enrolled users...%n", api.gcName(), users);
        long seedStart = System.nanoTime();
        List<EnrolledUser> enrolled = EnrolledUsers.seed(
                env.database().jdbcUrl(), env.database().user(), env.database().password(), crypto, users);
        System.out.printf("  seeded in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
        if (!cpu.seesPostgres()) {
            System.out.println("  (PostgreSQL's process not found: its CPU is counted under 'other processes')");
        }
        heap.start();
        CpuMeter.Sample idleStart = cpu.sample();
        Thread.sleep(5_000);
        System.out.println("  idle for 5 s: " + cpu.sample().since(idleStart, 1).replaceAll(";.*", ""));

        System.out.printf("%nWarm-up: %,d verifications, %d in flight%n", warmup, concurrency);
        MfaLoad.Result warm = measure(enrolled.subList(0, warmup), pending -> load.saturate(pending, concurrency));
        MfaLoad.failOnErrors("warm-up verification", warm);

        System.out.printf("%nSaturation: %,d verifications, %d in flight%n", saturation, concurrency);
        MfaLoad.Result saturated =
                measure(enrolled.subList(warmup, warmup + saturation), pending -> load.saturate(pending, concurrency));

        System.out.printf(
                "%nPaced: %,d verifications/s (open loop) for %d s%n", rate, (users - warmup - saturation) / rate);
        MfaLoad.Result paced =
                measure(enrolled.subList(warmup + saturation, users), pending -> load.paced(pending, rate));

        heap.stop();
        checkSessions(warm.succeeded() + saturated.succeeded() + paced.succeeded());
        summary(saturated, paced, users - warmup - saturation, concurrency, rate);
    }

    private interface Run {
        MfaLoad.Result on(List<Pending> pending) throws Exception;
    }

    /** Collects the phase's challenges, lets the outbox drain, then measures only the verifications. */
    private MfaLoad.Result measure(List<EnrolledUser> users, Run run) throws Exception {
        long signInStart = System.nanoTime();
        List<Pending> pending = load.challenges(users, signInConcurrency);
        System.out.printf(
                "  %,d challenges from password sign-ins in %.1f s (not measured)%n",
                pending.size(), (System.nanoTime() - signInStart) / 1e9);
        awaitOutboxDrained();
        String loadBefore = CpuMeter.loadAverage();
        double[] gcBefore = api.gcPauses();
        heap.resetPhase();
        CpuMeter.Sample cpuBefore = cpu.sample();
        java.time.Instant from = java.time.Instant.now();
        MfaLoad.Result result = run.on(pending);
        CpuMeter.Sample cpuAfter = cpu.sample();
        System.out.printf(
                "  measured from %s to %s (UTC, e.g. to cut a flight recording)%n", from, java.time.Instant.now());
        double[] gcAfter = api.gcPauses();
        System.out.printf(
                "  %,d verified, %,d failed %s in %.2f s = %,.0f verifications/s%n",
                result.succeeded(),
                result.requests() - result.succeeded(),
                result.failures().isEmpty() ? "" : result.failures(),
                result.seconds(),
                result.perSecond());
        System.out.printf(
                "  latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%s%n",
                result.percentileMillis(50),
                result.percentileMillis(90),
                result.percentileMillis(99),
                result.percentileMillis(100),
                result.maxDispatchLagNanos() > 0
                        ? String.format(
                                " (load generator started at most %.1f ms late)", result.maxDispatchLagNanos() / 1e6)
                        : "");
        System.out.printf(
                "  API heap: max used %.0f MB (sampled every %d ms), committed %.0f MB; GC: %.0f pauses, "
                        + "%.0f ms total%n",
                heap.phaseMaxMb(),
                HeapWatch.PERIOD_MILLIS,
                api.heapCommitted().orElse(0) / (1024.0 * 1024),
                gcAfter[1] - gcBefore[1],
                1000 * (gcAfter[0] - gcBefore[0]));
        System.out.println("  " + cpuAfter.since(cpuBefore, Math.max(1, result.succeeded())));
        System.out.printf("  load average before %s, after %s%n", loadBefore, CpuMeter.loadAverage());
        return result;
    }

    /** A backlog of events from the previous phase would be published during the next one, skewing it. */
    private void awaitOutboxDrained() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long pending;
        while ((pending = count("select count(*) from outbox_event where status = 'PENDING'")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        if (pending > 0) {
            System.out.printf("  (outbox still has %,d pending events)%n", pending);
        }
    }

    /** Every verification the client saw succeed left a full, MFA-verified session. */
    private void checkSessions(int succeeded) throws Exception {
        long sessions = count("select count(*) from auth_session where kind = 'FULL' and mfa_verified_at is not null");
        System.out.printf(
                "%nCheck: %,d MFA-verified sessions in the database for %,d successful verifications%s%n",
                sessions, succeeded, sessions == succeeded ? "" : "  MISMATCH");
    }

    private long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(
                        env.database().jdbcUrl(),
                        env.database().user(),
                        env.database().password());
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void summary(MfaLoad.Result saturated, MfaLoad.Result paced, int pacedPlanned, int concurrency, int rate) {
        double heapMb = heap.overallMaxMb();
        System.out.printf("%nSummary (POST /api/v1/auth/mfa only; password sign-in is not measured)%n");
        System.out.printf(
                "  saturation (%d in flight): %,.0f verifications/s, p50 %.1f ms, p99 %.1f ms   "
                        + "target >= %,.0f/s: %s%n",
                concurrency,
                saturated.perSecond(),
                saturated.percentileMillis(50),
                saturated.percentileMillis(99),
                TARGET_PER_SECOND,
                verdict(saturated.perSecond() >= TARGET_PER_SECOND));
        boolean allSent = paced.requests() == pacedPlanned;
        System.out.printf(
                "  paced %d/s: p50 %.1f ms, p99 %.1f ms%s   target p99 <= %.0f ms: %s%n",
                rate,
                paced.percentileMillis(50),
                paced.percentileMillis(99),
                allSent
                        ? ""
                        : String.format(
                                " (stopped after %,d of %,d: the API fell behind)", paced.requests(), pacedPlanned),
                TARGET_P99_MILLIS,
                verdict(allSent
                        && paced.percentileMillis(99) <= TARGET_P99_MILLIS
                        && paced.succeeded() == paced.requests()));
        System.out.printf(
                "  API heap max used: %.0f MB   target <= %.0f MB: %s%n",
                heapMb, TARGET_HEAP_MB, verdict(heapMb <= TARGET_HEAP_MB));
        System.out.printf("  load average at the end: %s%n", CpuMeter.loadAverage());
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static Map<String, String> apiProperties(TestEnvironment env, SeedCrypto crypto, String[] args) {
        Map<String, String> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("spring.main.banner-mode", "off");
        properties.put("gatekeep.mfa.encryption.keys." + SeedCrypto.KEY_ID, crypto.keyBase64());
        properties.put("gatekeep.mfa.encryption.active-key-id", SeedCrypto.KEY_ID);
        // every sign-in comes from 127.0.0.1 and the challenges are collected ahead of each phase (only failed
        // passwords count against these limits; raised anyway so that a seeding mistake shows as 401, not 429)
        properties.put("gatekeep.sign-in.rate-limit.per-network", "100000000");
        properties.put("gatekeep.sign-in.rate-limit.per-account-and-network", "1000");
        properties.put("gatekeep.sign-in.rate-limit.per-account", "1000");
        properties.put("gatekeep.mfa.challenge.validity", "30m");
        // the seeded password hashes are bcrypt cost 4 (SeedCrypto): configure that cost, so no sign-in upgrades them
        properties.put("gatekeep.passwords.bcrypt-strength", "4");
        properties.put("gatekeep.passwords.allow-weak-hashing", "true");
        Arrays.stream(args)
                .filter(arg -> arg.contains("=")
                        && Arrays.asList("--spring.", "--gatekeep.", "--logging.", "--server.", "--management.")
                                .stream()
                                .anyMatch(arg::startsWith))
                .forEach(
                        arg -> properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1)));
        return properties;
    }

    /** The embedded Kafka broker logs every setting at INFO; this JVM has no logging configuration of its own. */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .forEach(arg -> options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1)));
        return options;
    }

    /** Samples the API's heap in use: the maximum of the current phase and of the whole run. */
    private static final class HeapWatch {

        static final int PERIOD_MILLIS = 200;
        private static final double MIB = 1024.0 * 1024;

        private final ServiceProcess api;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        private volatile double phaseMax;
        private volatile double overallMax;

        HeapWatch(ServiceProcess api) {
            this.api = api;
        }

        void start() {
            sampler.scheduleAtFixedRate(
                    () -> api.heapUsed().ifPresent(used -> {
                        phaseMax = Math.max(phaseMax, used);
                        overallMax = Math.max(overallMax, used);
                    }),
                    0,
                    PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        }

        void resetPhase() {
            phaseMax = 0;
        }

        double phaseMaxMb() {
            return phaseMax / MIB;
        }

        double overallMaxMb() {
            return overallMax / MIB;
        }

        void stop() {
            sampler.shutdownNow();
        }
    }
}
