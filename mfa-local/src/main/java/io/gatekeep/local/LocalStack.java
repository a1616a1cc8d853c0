package io.gatekeep.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The one-command local stack: embedded PostgreSQL (data kept in {@code .gatekeep-local/postgres}), a Kafka KRaft
 * broker, GreenMail (SMTP 3025, IMAP 3143), then mfa-api, mfa-worker and support-desk as child processes, a seeded
 * demo organization, and a clean stop on Ctrl-C (services first, then broker, mail and database).
 */
public final class LocalStack {

    private static final int PREFERRED_POSTGRES_PORT = 5432;
    private static final int PREFERRED_KAFKA_PORT = 9092;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final LaunchOptions options;
    private final Path stateDirectory;
    private final Path logDirectory;
    private final List<ChildService> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile LocalPostgres postgres;
    private volatile LocalKafka kafka;
    private volatile LocalMail mail;
    private volatile boolean stopping;

    private LocalStack(LaunchOptions options) {
        this.options = options;
        this.stateDirectory = options.root().resolve(".gatekeep-local");
        this.logDirectory = stateDirectory.resolve("logs");
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(Arrays.asList(args), RepositoryRoot.find());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options);
        StopSignals.onInterruptOrTerminate(() -> {
            stack.stop();
            System.exit(0);
        });
        // Fallback for any other way the JVM ends; stop() is idempotent and waits for a stop already under way.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.run();
        } catch (Exception e) {
            if (!stack.stopping) {
                System.err.println();
                System.err.println("The local stack did not start: " + e.getMessage());
                if (e.getCause() != null) {
                    System.err.println("  caused by: " + e.getCause());
                }
            }
            boolean requested = stack.stopping;
            stack.stop();
            System.exit(requested ? 0 : 1);
        }
    }

    private void run() throws Exception {
        Map<Service, Path> jars = RepositoryRoot.serviceJars(options.root());
        List<Integer> busy = Ports.busy(Stream.concat(
                        Stream.of(Infrastructure.SMTP_PORT, Infrastructure.IMAP_PORT),
                        Arrays.stream(Service.values()).flatMap(s -> Stream.of(s.port(), s.managementPort())))
                .toList());
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports already in use: " + busy + " (is another run-local running?)");
        }
        if (options.fresh()) {
            System.out.println("--fresh: deleting " + stateDirectory);
            deleteRecursively(stateDirectory);
        }
        Files.createDirectories(logDirectory);

        int postgresPort = Ports.firstFreeFrom(PREFERRED_POSTGRES_PORT);
        System.out.println("Starting PostgreSQL on port " + postgresPort + " (data in "
                + stateDirectory.resolve("postgres") + ") ...");
        postgres = keep(LocalPostgres.start(
                stateDirectory.resolve("postgres"), postgresPort, logDirectory.resolve("postgres.log")));
        int kafkaPort = Ports.firstFreeFrom(PREFERRED_KAFKA_PORT);
        System.out.println("Starting Kafka (KRaft) on port " + kafkaPort + " ...");
        kafka = keep(LocalKafka.start(kafkaPort));
        System.out.println("Starting mail server: SMTP " + Infrastructure.SMTP_PORT + ", IMAP "
                + Infrastructure.IMAP_PORT + " ...");
        mail = keep(LocalMail.start(Infrastructure.SMTP_PORT, Infrastructure.IMAP_PORT));

        Infrastructure infra = new Infrastructure(
                postgres.port(),
                LocalPostgres.DATABASE,
                LocalPostgres.USER,
                LocalPostgres.PASSWORD,
                kafka.bootstrapServers(),
                Infrastructure.SMTP_PORT,
                Infrastructure.IMAP_PORT);
        String key = DevEncryptionKey.loadOrCreate(stateDirectory.resolve("dev-encryption-key"));
        System.out.println("Using the DEVELOPMENT encryption key in " + stateDirectory.resolve("dev-encryption-key")
                + " for MFA secrets (local use only).");

        startServices(snapshot(jars), infra, key);
        Map<DemoAccount, String> accounts = Map.of();
        if (options.seed()) {
            try {
                accounts = new DemoSeeder(new ApiClient("http://localhost:" + Service.API.port()), mail).seed();
            } catch (IllegalStateException e) {
                System.err.println("Seeding the demo organization failed: " + e.getMessage());
                System.err.println("The stack keeps running; fix the cause and restart (or use --fresh).");
            }
        }
        System.out.print(Summary.render(infra, stateDirectory, accounts, ServiceConfig.demoAgentTotpSecret(key)));
        watchServices();
        stopped.await();
    }

    private void startServices(Map<Service, Path> jars, Infrastructure infra, String key) throws Exception {
        PrintStream console = options.followLogs() ? System.out : null;
        for (Service service : Service.values()) {
            String json = ServiceConfig.toJson(ServiceConfig.properties(service, infra, key));
            Path log = logDirectory.resolve(service.shortName() + ".log");
            System.out.println(
                    "Starting " + service.module() + " on port " + service.port() + " (log: " + log + ") ...");
            synchronized (this) {
                if (stopping) {
                    throw new IllegalStateException("stopped while starting");
                }
                services.add(ChildService.launch(service, jars.get(service), jvmOptions(), json, log, console));
            }
        }
        Instant deadline = Instant.now().plus(options.startTimeout());
        for (ChildService child : List.copyOf(services)) {
            try {
                child.awaitHealthy(deadline);
                System.out.println(child.service().module() + " is UP");
            } catch (IllegalStateException e) {
                System.err.println("---- last lines of " + child.logFile() + " ----");
                child.tail(40).forEach(System.err::println);
                System.err.println("----");
                throw e;
            }
        }
    }

    /**
     * Copies the jars out of {@code target/}: a rebuild while the stack runs would otherwise change a jar under a
     * running JVM, which then fails with NoClassDefFoundError at its next class load.
     */
    private Map<Service, Path> snapshot(Map<Service, Path> jars) throws IOException {
        Path directory = Files.createDirectories(stateDirectory.resolve("jars"));
        Map<Service, Path> copies = new EnumMap<>(Service.class);
        for (Map.Entry<Service, Path> jar : jars.entrySet()) {
            Path copy = directory.resolve(jar.getKey().module() + ".jar");
            Files.copy(jar.getValue(), copy, StandardCopyOption.REPLACE_EXISTING);
            copies.put(jar.getKey(), copy);
        }
        return copies;
    }

    /** Keeps a started server for stop(), or closes it at once if a stop began while it was starting. */
    private synchronized <T extends AutoCloseable> T keep(T server) throws Exception {
        if (stopping) {
            server.close();
            throw new IllegalStateException("stopped while starting");
        }
        return server;
    }

    /** Tells the person when a service dies on its own after start-up. */
    private void watchServices() {
        for (ChildService child : services) {
            child.process().onExit().thenAccept(process -> {
                if (!stopping) {
                    System.err.println(child.service().module() + " exited unexpectedly with code "
                            + process.exitValue() + "; see " + child.logFile());
                }
            });
        }
    }

    private static List<String> jvmOptions() {
        String configured = System.getenv("GATEKEEP_LOCAL_JAVA_OPTS");
        String options = configured == null || configured.isBlank() ? "-Xmx512m" : configured;
        return Arrays.stream(options.trim().split("\\s+")).toList();
    }

    /** Stops services first (they still need the broker and database to shut down cleanly), then infrastructure. */
    private void stop() {
        List<ChildService> running;
        boolean alreadyStopping;
        synchronized (this) {
            alreadyStopping = stopping;
            stopping = true;
            running = List.copyOf(services);
        }
        if (alreadyStopping) {
            awaitStopped();
            return;
        }
        System.out.println("\nStopping the local stack ...");
        running.forEach(ChildService::requestStop);
        for (ChildService child : running) {
            try {
                child.awaitStopped(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly("Kafka", kafka);
        closeQuietly("mail server", mail);
        closeQuietly("PostgreSQL", postgres);
        System.out.println("Stopped.");
        stopped.countDown();
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(String name, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Stopping " + name + " failed: " + e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
