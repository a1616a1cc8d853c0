package io.gatekeep.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service running as a child JVM: its log goes to a file (and, if asked, to this console with a prefix). */
final class ChildService {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final Process process;
    private final Path logFile;
    private final Thread pump;

    private ChildService(Service service, Process process, Path logFile, Thread pump) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
        this.pump = pump;
    }

    static ChildService launch(
            Service service,
            Path jar,
            List<String> jvmOptions,
            String springApplicationJson,
            Path logFile,
            PrintStream console)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPRING_APPLICATION_JSON", springApplicationJson);
        Process process = builder.start();
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        Thread pump = new Thread(
                () -> pump(process, log, console, "[" + service.shortName() + "] "), service.shortName() + "-log");
        pump.setDaemon(true);
        pump.start();
        return new ChildService(service, process, logFile, pump);
    }

    private static void pump(Process process, Writer log, PrintStream console, String prefix) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                log) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (console != null) {
                    console.println(prefix + line);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    Service service() {
        return service;
    }

    Path logFile() {
        return logFile;
    }

    Process process() {
        return process;
    }

    /** Waits until the Actuator health endpoint answers UP; throws with the reason otherwise. */
    void awaitHealthy(Instant deadline) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.healthUrl()))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        service.module() + " exited with code " + process.exitValue() + " before becoming healthy");
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200
                        && response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(service.module() + " was not healthy at " + service.healthUrl()
                + " in time (last answer: " + last + ")");
    }

    /** The last lines of the service log without stack frames, to show why it failed. */
    List<String> tail(int lines) {
        try {
            if (!process.isAlive()) {
                pump.join(5000); // the last lines of a process that just died may still be in the pipe
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.matches("\\s+(at |\\.\\.\\. \\d+ more).*"))
                    .toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    /** Asks the service to stop (SIGTERM: Spring's graceful shutdown). */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the service to end, killing it if it outstays {@code grace}. */
    void awaitStopped(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
