package io.gatekeep.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Gatekeep service as a child process ({@code java -Xmx256m -jar mfa-api-…-exec.jar}), so that its heap is capped and
 * measured apart from the load generator, read from its own actuator, and so that it can be killed outright.
 * Configured through {@code SPRING_APPLICATION_JSON}, which overrides its application.yml. Stopped with SIGTERM
 * (graceful shutdown), forcibly if that takes too long, and by a shutdown hook if the benchmark itself is interrupted;
 * {@link #kill()} sends SIGKILL.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern VALUE = Pattern.compile("\"statistic\":\"(\\w+)\",\"value\":([0-9.Ee+-]+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;

    private ServiceProcess(String name, Process process, Path log, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    static ServiceProcess start(
            String name, Path jar, String maxHeap, List<String> extraJvmArgs, Map<String, String> properties)
            throws IOException {
        // ports given in the properties are kept (a service that must know another's address before it starts)
        Map<String, String> all = new java.util.LinkedHashMap<>(properties);
        all.putIfAbsent("server.port", String.valueOf(freePort()));
        all.putIfAbsent("management.server.port", String.valueOf(freePort()));
        int port = Integer.parseInt(all.get("server.port"));
        int managementPort = Integer.parseInt(all.get("management.server.port"));
        all.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(extraJvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        Path log = Files.createTempFile(name + "-bench-", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_APPLICATION_JSON", json(all));
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ServiceProcess(name, process, log, port, managementPort);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits for the actuator's health to answer UP (database and Kafka reachable, migrations done). */
    void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; log: " + log + "\n" + tail());
            }
            try {
                HttpResponse<String> health = get("/actuator/health");
                if (health.statusCode() == 200) { // 503 while any component is DOWN
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; log: " + log + "\n" + tail());
    }

    /** Heap in use now (all heap pools), in bytes. */
    OptionalDouble heapUsed() {
        return metric("jvm.memory.used?tag=area:heap", "VALUE");
    }

    OptionalDouble heapCommitted() {
        return metric("jvm.memory.committed?tag=area:heap", "VALUE");
    }

    /** Total GC pause time so far, in seconds, and the number of pauses. */
    double[] gcPauses() {
        return new double[] {
            metric("jvm.gc.pause", "TOTAL_TIME").orElse(0),
            metric("jvm.gc.pause", "COUNT").orElse(0)
        };
    }

    /** The collector in use, from the metric's tags. */
    String gcName() {
        try {
            Matcher names = Pattern.compile("\"tag\":\"gc\",\"values\":\\[([^]]*)]")
                    .matcher(get("/actuator/metrics/jvm.gc.pause").body());
            return names.find() ? names.group(1).replace("\"", "") : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private OptionalDouble metric(String path, String statistic) {
        try {
            HttpResponse<String> response = get("/actuator/metrics/" + path);
            Matcher values = VALUE.matcher(response.body());
            while (values.find()) {
                if (values.group(1).equals(statistic)) {
                    return OptionalDouble.of(Double.parseDouble(values.group(2)));
                }
            }
        } catch (IOException e) {
            // the sample is skipped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalDouble.empty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the process gets no chance to finish anything (no shutdown hooks, no graceful stop). */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A module's executable jar: {@code option} if given, else the module's build output, else the one in ~/.m2. */
    static Path executableJar(String module, String option) {
        String name = module + "-0.1.0-SNAPSHOT-exec.jar";
        List<Path> candidates = option != null
                ? List.of(Path.of(option))
                : List.of(
                        Path.of(module, "target", name),
                        Path.of("..", module, "target", name),
                        Path.of(
                                System.getProperty("user.home"),
                                ".m2",
                                "repository",
                                "io",
                                "gatekeep",
                                module,
                                "0.1.0-SNAPSHOT",
                                name));
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .map(Path::toAbsolutePath)
                .map(Path::normalize)
                .orElseThrow(() -> new IllegalStateException("No " + module
                        + " executable jar at " + candidates + ": build it with mvn -B -q package -DskipTests -pl "
                        + module));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A flat JSON object of string properties (Spring binds dotted keys in SPRING_APPLICATION_JSON). */
    private static String json(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ":" + quote(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
