package io.gatekeep.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full MFA sign-in (password and TOTP code) in Gatekeep and in Keycloak on the same machine, one system at a time,
 * with the same load generator ({@link KeepAliveHttp}, closed loop) at each concurrency: sign-ins/s, latency, and the
 * CPU of each server-side component per sign-in. Gatekeep: {@code POST /api/v1/auth/sign-in}, then
 * {@code POST /api/v1/auth/mfa}. Keycloak: {@code POST /realms/bench/protocol/openid-connect/token} with
 * {@code grant_type=password} and {@code totp}. Each user signs in at most once (a TOTP code is accepted once per user
 * and time step), so every run has users of its own.
 *
 * <p>Arguments: {@code --users=10000} (per system), {@code --seconds=15} (longest run), {@code --connections=1,16,64},
 * {@code --systems=gatekeep,keycloak}, {@code --gatekeep-forms=two-step,one-request} (Gatekeep's sign-in as two
 * requests, password then code, and as one request with both; each form with its own users), {@code --keycloak-home=<unpacked distribution>}, {@code --heap=512m} (each
 * Gatekeep service), {@code --keycloak-heap=1g}, {@code --results=bench/results/peer.tsv}, {@code --logs=<dir>},
 * {@code --warmup-runs=4} (most warm-up runs per system and form; see {@link #warmUp}), {@code --steady=0.10}.
 */
public final class PeerBenchmark {

    private static final int WARMUP_CONNECTIONS = 16;

    /** Two warm-up runs whose sign-ins/s differ by at most this share count as steady, unless {@code --steady}. */
    private static final String STEADY = "0.10";

    /** One measured run. */
    record Row(
            String system,
            int connections,
            PeerLoad.Result result,
            Map<String, Double> cpu,
            double loadgenCpu,
            double otherCpu,
            String load) {

        double serverCpu() {
            return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double cpuMillisPerSignIn() {
            return result.succeeded() == 0 ? Double.NaN : 1000 * serverCpu() / result.succeeded();
        }
    }

    private PeerBenchmark() {}

    public static void main(String[] args) throws Exception {
        MfaVerificationBenchmark.quietLogging();
        Map<String, String> options = options(args);
        int users = Integer.parseInt(options.getOrDefault("users", "10000"));
        int warmupRuns = Integer.parseInt(options.getOrDefault("warmup-runs", "4"));
        double steady = Double.parseDouble(options.getOrDefault("steady", STEADY));
        if (warmupRuns < 1) {
            throw new IllegalArgumentException("--warmup-runs must be at least 1");
        }
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
        int[] levels = Arrays.stream(
                        options.getOrDefault("connections", "1,16,64").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        List<String> systems =
                List.of(options.getOrDefault("systems", "gatekeep,keycloak").split(","));
        List<String> forms = List.of(
                options.getOrDefault("gatekeep-forms", "two-step,one-request").split(","));
        Path keycloakHome = Path.of(options.getOrDefault("keycloak-home", "bench/target/keycloak/keycloak-26.7.3"));
        Path results = Path.of(options.getOrDefault("results", "bench/results/peer.tsv"));
        Path logs = Files.createDirectories(Path.of(options.getOrDefault("logs", "bench/target/peer-logs")));
        String heap = options.getOrDefault("heap", "512m");
        String keycloakHeap = options.getOrDefault("keycloak-heap", "1g");

        Path keycloakJava = null;
        if (systems.contains("keycloak")) {
            keycloakJava = PeerSystems.Keycloak.findJavaHome();
            if (!Files.isExecutable(keycloakHome.resolve("bin").resolve("kc.sh"))) {
                throw new IllegalStateException("No Keycloak distribution at " + keycloakHome.toAbsolutePath()
                        + " (bench/run peer unpacks org.keycloak:keycloak-quarkus-dist there)");
            }
        }
        int[] slices = slices(users, levels);
        // each form's users: up to warmupRuns warm-up slices, then the measured slices
        int perForm = users + (warmupRuns - 1) * slices[0];
        System.out.printf(
                "Machine: %d cores, load average %s. %,d users per system and form: warm-up runs of %,d (%d "
                        + "connections) until two in a row are within %.0f %% of each other (at most %d), then %s; "
                        + "each run stops after %.0f s or when its users are used up.%n",
                Runtime.getRuntime().availableProcessors(),
                CpuMeter.loadAverage(),
                perForm,
                slices[0],
                WARMUP_CONNECTIONS,
                100 * steady,
                warmupRuns,
                describe(levels, slices),
                seconds);

        List<Row> rows = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String system : systems) {
            System.out.printf("%n=== %s (%s)%n", system, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            long started = System.nanoTime();
            try (PeerSystems.Peer peer = system.equals("keycloak")
                    ? new PeerSystems.Keycloak(logs, keycloakHome, keycloakJava, keycloakHeap)
                    : new PeerSystems.Gatekeep(logs, heap)) {
                System.out.printf("  up in %.0f s; %s%n", (System.nanoTime() - started) / 1e9, peer.settings());
                settings.put(peer.name(), peer.settings());
                long seedStart = System.nanoTime();
                // a second form gets users of its own; the one after all forms' users is for the refusal check
                boolean oneRequestToo = peer instanceof PeerSystems.Gatekeep && forms.contains("one-request");
                int refusalUser = oneRequestToo ? 2 * perForm : perForm;
                peer.seed(refusalUser + 1);
                System.out.printf(
                        "  %,d users with password and TOTP seeded in %.1f s%n",
                        refusalUser + 1, (System.nanoTime() - seedStart) / 1e9);
                Map<String, Double> idleStart = peer.cpu();
                long idleFrom = System.nanoTime();
                Thread.sleep(5_000);
                Map<String, Double> idleEnd = peer.cpu();
                double idleSeconds = (System.nanoTime() - idleFrom) / 1e9;
                Map<String, Double> idle = new LinkedHashMap<>();
                idleEnd.forEach((name, value) -> idle.put(name, (value - idleStart.get(name)) / idleSeconds));
                System.out.println("  idle for 5 s (no requests), CPU cores busy: " + format(idle));
                settings.merge(peer.name(), "; idle CPU cores (no requests): " + format(idle), String::concat);
                PeerLoad.Result refused =
                        PeerLoad.run(peer.baseUrl(), 1, refusalUser, refusalUser + 1, 30, peer.signIn(true));
                if (refused.succeeded() != 0) {
                    throw new IllegalStateException(peer.name() + " accepted a wrong TOTP code");
                }
                System.out.println("  check: a sign-in with the right password and a wrong TOTP code is refused ("
                        + String.join(", ", refused.failures().keySet()) + ")");
                int from = warmUp(peer, "warm-up", 0, slices[0], warmupRuns, steady, seconds);
                for (int i = 0; i < levels.length; i++) {
                    Row row = measure(peer, levels[i], from, from + slices[i + 1], seconds);
                    print("measured", row);
                    rows.add(row);
                    from += slices[i + 1];
                }
                if (oneRequestToo) {
                    // the same stack, now with password and code in one request (its users not used before)
                    PeerSystems.Gatekeep gatekeep = (PeerSystems.Gatekeep) peer;
                    gatekeep.oneRequest(true);
                    settings.put(peer.name(), "as Gatekeep, password and code in one POST /api/v1/auth/sign-in");
                    from = warmUp(peer, "warm-up (one request)", perForm, slices[0], warmupRuns, steady, seconds);
                    for (int i = 0; i < levels.length; i++) {
                        Row row = measure(peer, levels[i], from, from + slices[i + 1], seconds);
                        print("measured (one request)", row);
                        rows.add(row);
                        from += slices[i + 1];
                    }
                }
                if (peer instanceof PeerSystems.Gatekeep gatekeep) {
                    System.out.printf(
                            "  audit: %,d events recorded by the worker's audit consumer%n", gatekeep.audited());
                }
            }
        }
        table(rows, levels, settings);
        append(results, rows);
        System.out.println("\nAppended to " + results.toAbsolutePath().normalize());
        System.exit(0);
    }

    /**
     * Warm-up runs at {@link #WARMUP_CONNECTIONS} until two in a row are within {@code steady} of each other, or
     * {@code most} were made: a JVM's JIT compiles for a minute or more under load, and a system measured while it
     * compiles is measured at a fraction of its speed. Every system and form gets the same rule. Returns the first
     * user after the warm-up users (all {@code most} slices are reserved, whether used or not).
     */
    private static int warmUp(
            PeerSystems.Peer peer, String what, int first, int slice, int most, double steady, double seconds)
            throws Exception {
        double previous = Double.NaN;
        for (int run = 0; run < most; run++) {
            int from = first + run * slice;
            Row warm = measure(peer, WARMUP_CONNECTIONS, from, from + slice, seconds);
            print(what + " " + (run + 1), warm);
            if (warm.result().succeeded() == 0) {
                throw new IllegalStateException(peer.name() + ": no warm-up sign-in succeeded: "
                        + warm.result().failures());
            }
            double rate = warm.result().perSecond();
            if (Math.abs(rate - previous) <= steady * previous) {
                System.out.printf("  steady after %d warm-up runs%n", run + 1);
                return first + most * slice;
            }
            previous = rate;
        }
        System.out.printf("  still changing after %d warm-up runs (measured anyway)%n", most);
        return first + most * slice;
    }

    private static Row measure(PeerSystems.Peer peer, int connections, int from, int to, double seconds)
            throws Exception {
        peer.settle();
        Thread.sleep(1000);
        String loadBefore = CpuMeter.loadAverage();
        Map<String, Double> before = peer.cpu();
        double loadgenBefore = ownCpu();
        double machineBefore = CpuMeter.machine()[0];
        PeerLoad.Result result = PeerLoad.run(peer.baseUrl(), connections, from, to, seconds, peer.signIn(false));
        peer.settle(); // what the run left to publish is part of its cost
        Map<String, Double> after = peer.cpu();
        double loadgen = ownCpu() - loadgenBefore;
        double machine = CpuMeter.machine()[0] - machineBefore;
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, value) -> used.put(name, value - before.getOrDefault(name, 0.0)));
        double servers = used.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Row(
                peer.name(), connections, result, used, loadgen, Math.max(0, machine - servers - loadgen), loadBefore);
    }

    private static double ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static void print(String what, Row row) {
        PeerLoad.Result r = row.result();
        System.out.printf(
                "  %s, %d connections: %,d signed in, %,d failed%s in %.1f s = %.1f/s; p50 %.1f ms, "
                        + "p90 %.1f ms, p99 %.1f ms; CPU s %s, load generator %.2f, other processes %.2f; %.2f ms CPU "
                        + "per sign-in (servers); load average before %s%n",
                what,
                row.connections(),
                r.succeeded(),
                r.attempted() - r.succeeded(),
                r.failures().isEmpty() ? "" : " " + r.failures(),
                r.seconds(),
                r.perSecond(),
                r.percentileMillis(50),
                r.percentileMillis(90),
                r.percentileMillis(99),
                format(row.cpu()),
                row.loadgenCpu(),
                row.otherCpu(),
                row.cpuMillisPerSignIn(),
                row.load());
    }

    private static String format(Map<String, Double> cpu) {
        StringBuilder text = new StringBuilder();
        cpu.forEach((name, value) ->
                text.append(text.isEmpty() ? "" : ", ").append(name).append(String.format(" %.2f", value)));
        return text.toString();
    }

    private static void table(List<Row> rows, int[] levels, Map<String, String> settings) {
        System.out.println();
        System.out.println("Full MFA sign-in (password + TOTP), closed loop, same load generator; one system running "
                + "at a time.");
        settings.forEach((name, text) -> System.out.println("  " + name + ": " + text));
        System.out.println();
        System.out.println("| system | conns | sign-ins | sign-ins/s | p50 ms | p90 ms | p99 ms | CPU s java | "
                + "CPU s postgres | CPU s broker | CPU s load gen | CPU s other processes | CPU ms / sign-in (servers) "
                + "| failed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            PeerLoad.Result r = row.result();
            System.out.printf(
                    "| %s | %d | %,d | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %.2f | %.2f | %.2f " + "| %d |%n",
                    row.system(),
                    row.connections(),
                    r.succeeded(),
                    r.perSecond(),
                    r.percentileMillis(50),
                    r.percentileMillis(90),
                    r.percentileMillis(99),
                    row.cpu().get("java"),
                    row.cpu().get("postgres"),
                    row.system().equals("Keycloak")
                            ? "-"
                            : String.format("%.2f", row.cpu().get("broker")),
                    row.loadgenCpu(),
                    row.otherCpu(),
                    row.cpuMillisPerSignIn(),
                    r.attempted() - r.succeeded());
        }
        Map<String, Row> bySystem = new HashMap<>();
        rows.forEach(row -> bySystem.put(row.system() + "@" + row.connections(), row));
        System.out.println();
        System.out.println("| ratio | conns | sign-ins/s | p50 | p99 | CPU per sign-in |");
        System.out.println("|---|---|---|---|---|---|");
        for (String gatekeep : List.of("Gatekeep", PeerSystems.Gatekeep.ONE_REQUEST))
            for (int level : levels) {
                Row g = bySystem.get(gatekeep + "@" + level);
                Row k = bySystem.get("Keycloak@" + level);
                if (g == null || k == null) {
                    continue;
                }
                System.out.printf(
                        "| %s / Keycloak | %d | %.2f | %.2f | %.2f | %.2f |%n",
                        g.system(),
                        level,
                        g.result().perSecond() / k.result().perSecond(),
                        g.result().percentileMillis(50) / k.result().percentileMillis(50),
                        g.result().percentileMillis(99) / k.result().percentileMillis(99),
                        g.cpuMillisPerSignIn() / k.cpuMillisPerSignIn());
            }
    }

    /** One line per system and concurrency, tab-separated, with a header when the file is new. */
    private static void append(Path results, List<Row> rows) throws Exception {
        Files.createDirectories(results.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder();
        if (!Files.exists(results)) {
            text.append("utc\tcommit\tsystem\tconnections\tsign_ins\tfailed\tseconds\tper_second\tp50_ms\tp90_ms\t"
                    + "p99_ms\tcpu_java_s\tcpu_postgres_s\tcpu_broker_s\tcpu_loadgen_s\tcpu_ms_per_sign_in\t"
                    + "load_before\tcpu_other_s\n");
        }
        String utc = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String commit = System.getProperty("bench.commit", System.getenv().getOrDefault("BENCH_COMMIT", "?"));
        for (Row row : rows) {
            PeerLoad.Result r = row.result();
            text.append(String.join(
                            "\t",
                            utc,
                            commit,
                            row.system(),
                            String.valueOf(row.connections()),
                            String.valueOf(r.succeeded()),
                            String.valueOf(r.attempted() - r.succeeded()),
                            String.format("%.2f", r.seconds()),
                            String.format("%.1f", r.perSecond()),
                            String.format("%.1f", r.percentileMillis(50)),
                            String.format("%.1f", r.percentileMillis(90)),
                            String.format("%.1f", r.percentileMillis(99)),
                            String.format("%.2f", row.cpu().get("java")),
                            String.format("%.2f", row.cpu().get("postgres")),
                            String.format("%.2f", row.cpu().get("broker")),
                            String.format("%.2f", row.loadgenCpu()),
                            String.format("%.2f", row.cpuMillisPerSignIn()),
                            row.load(),
                            String.format("%.2f", row.otherCpu())))
                    .append('\n');
        }
        Files.writeString(results, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Users per run: a fifth for the warm-up, the rest by weight 1 (one connection) to 4 (64 and more). */
    static int[] slices(int users, int[] levels) {
        int[] slices = new int[levels.length + 1];
        slices[0] = users / 5;
        double[] weights = Arrays.stream(levels)
                .mapToDouble(c -> Math.min(4, 1 + Math.log(c) / Math.log(2) / 2))
                .toArray();
        double total = Arrays.stream(weights).sum();
        int left = users - slices[0];
        for (int i = 0; i < levels.length; i++) {
            slices[i + 1] = (int) (left * weights[i] / total);
        }
        return slices;
    }

    private static String describe(int[] levels, int[] slices) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            parts.add(String.format("%,d at %d", slices[i + 1], levels[i]));
        }
        return String.join(", ", parts);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        return options;
    }
}
