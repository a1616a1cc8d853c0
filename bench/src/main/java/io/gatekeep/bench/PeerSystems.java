package io.gatekeep.bench;

import io.gatekeep.bench.EnrolledUsers.EnrolledUser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The two systems {@link PeerBenchmark} compares, each with its own durable PostgreSQL, started and stopped whole. */
final class PeerSystems {

    private PeerSystems() {}

    /** One system under test, running. */
    interface Peer extends AutoCloseable {

        String name();

        String baseUrl();

        /** Seeds {@code count} users able to sign in with password and TOTP; returns the seconds it took. */
        void seed(int count) throws Exception;

        /** A full sign-in; with {@code wrongCode}, one digit of the TOTP code is changed (it must be refused). */
        PeerLoad.SignIn signIn(boolean wrongCode);

        /** CPU seconds so far of each server-side component (Java processes, PostgreSQL, broker), in print order. */
        Map<String, Double> cpu();

        /** Waits until work the last run left behind (events still to publish) is done. */
        default void settle() throws Exception {}

        /** One line on the configuration that matters for reading the numbers. */
        String settings();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // PostgreSQL, durable

    /** Embedded PostgreSQL (zonky, as in the tests) with fsync and synchronous_commit on, and one database for us. */
    static final class DurablePostgres implements AutoCloseable {

        final EmbeddedPostgres server;
        final String database;
        final long postmasterPid;

        DurablePostgres(String database, Path log) throws IOException, SQLException {
            this.database = database;
            this.server = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
            try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
                    Statement sql = admin.createStatement()) {
                sql.execute("create role " + database + " login password '" + database + "'");
                sql.execute("create database " + database + " owner " + database);
            }
            this.postmasterPid = CpuMeter.findPostmaster(server.getPort()).orElse(-1L);
        }

        String jdbcUrl(String db) {
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + db;
        }

        String jdbcUrl() {
            return jdbcUrl(database);
        }

        /** What the server really runs with, e.g. {@code fsync=on synchronous_commit=on}. */
        String durability() throws SQLException {
            try (Connection db = DriverManager.getConnection(jdbcUrl(), database, database);
                    Statement sql = db.createStatement()) {
                return show(sql, "fsync") + " " + show(sql, "synchronous_commit") + " " + show(sql, "full_page_writes")
                        + " " + show(sql, "server_version");
            }
        }

        private static String show(Statement sql, String setting) throws SQLException {
            try (ResultSet row = sql.executeQuery("show " + setting)) {
                row.next();
                return setting + "=" + row.getString(1);
            }
        }

        double cpuSeconds() {
            return postmasterPid > 0 ? CpuMeter.treeSeconds(postmasterPid) : 0;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Gatekeep

    /** mfa-api, mfa-worker and support-desk as the local stack runs them, with Kafka and mail in a JVM of their own. */
    static final class Gatekeep implements Peer {

        private static final Pattern CHALLENGE = Pattern.compile("\"challengeToken\":\"([^\"]+)\"");
        private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

        private final DurablePostgres postgres;
        private final Process infra;
        private final List<ServiceProcess> services = new ArrayList<>();
        private final ServiceProcess api;
        private final SeedCrypto crypto = new SeedCrypto();
        private List<EnrolledUser> users = List.of();

        Gatekeep(Path logs, String heap) throws Exception {
            postgres = new DurablePostgres("gatekeep", logs.resolve("gatekeep-postgres.log"));
            infra = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            PeerInfra.class.getName())
                    .redirectError(logs.resolve("gatekeep-kafka.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(infra::destroyForcibly));
            String[] ready = readReady(infra);
            String bootstrap = ready[1];
            int smtp = Integer.parseInt(ready[2]);
            int imap = Integer.parseInt(ready[3]);
            int apiPort = ServiceProcess.freePort();
            int deskPort = ServiceProcess.freePort();
            String key = Base64.getEncoder().encodeToString(random(32));
            String deskToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));

            Map<String, String> common = new LinkedHashMap<>();
            common.put("spring.main.banner-mode", "off");
            common.put("spring.datasource.url", postgres.jdbcUrl());
            common.put("spring.datasource.username", postgres.database);
            common.put("spring.datasource.password", postgres.database);
            common.put("spring.r2dbc.url", postgres.jdbcUrl().replace("jdbc:", "r2dbc:"));
            common.put("spring.r2dbc.username", postgres.database);
            common.put("spring.r2dbc.password", postgres.database);
            common.put("spring.flyway.url", postgres.jdbcUrl());
            common.put("spring.flyway.user", postgres.database);
            common.put("spring.flyway.password", postgres.database);
            common.put("spring.kafka.bootstrap-servers", bootstrap);
            common.put("spring.mail.host", "localhost");
            common.put("spring.mail.port", String.valueOf(smtp));
            common.put("gatekeep.web.base-url", "http://localhost:" + apiPort);
            common.put("gatekeep.mfa.encryption.keys." + SeedCrypto.KEY_ID, crypto.keyBase64());
            common.put("gatekeep.mfa.encryption.active-key-id", SeedCrypto.KEY_ID);
            common.put("gatekeep.internal.service-tokens.desk", deskToken);

            Map<String, String> apiProps = new LinkedHashMap<>(common);
            apiProps.put("server.port", String.valueOf(apiPort));
            apiProps.put("gatekeep.desk.base-url", "http://localhost:" + deskPort);
            // for the benchmark only: every sign-in comes from 127.0.0.1 (only failed passwords count against these)
            apiProps.put("gatekeep.sign-in.rate-limit.per-network", "100000000");
            apiProps.put("gatekeep.sign-in.rate-limit.per-account-and-network", "1000");
            apiProps.put("gatekeep.sign-in.rate-limit.per-account", "1000");
            // for the benchmark only: the seeded hashes are bcrypt cost 4 (SeedCrypto), so no sign-in upgrades them
            apiProps.put("gatekeep.passwords.bcrypt-strength", "4");
            apiProps.put("gatekeep.passwords.allow-weak-hashing", "true");

            Map<String, String> workerProps = new LinkedHashMap<>(common);
            workerProps.put("gatekeep.support-reset.min-membership-age", "0s");

            Map<String, String> deskProps = new LinkedHashMap<>(common);
            deskProps.put("server.port", String.valueOf(deskPort));
            deskProps.put("gatekeep.desk.mailbox.host", "localhost");
            deskProps.put("gatekeep.desk.mailbox.port", String.valueOf(imap));
            deskProps.put("gatekeep.desk.mailbox.protocol", "imap");
            deskProps.put("gatekeep.desk.mailbox.username", "support@localhost");
            deskProps.put("gatekeep.desk.mailbox.password", "support@localhost");
            deskProps.put("gatekeep.desk.support-address", "support@localhost");
            deskProps.put("gatekeep.desk.directory.base-url", "http://localhost:" + apiPort);
            deskProps.put("gatekeep.desk.directory.token", deskToken);
            deskProps.put("support.require-authenticated-sender", "false");
            deskProps.put("gatekeep.desk.agents.bootstrap-username", "agent");
            deskProps.put(
                    "gatekeep.desk.agents.bootstrap-password",
                    Base64.getEncoder().encodeToString(random(18)));
            deskProps.put("gatekeep.desk.agents.secret-key", Base64.getEncoder().encodeToString(random(32)));
            deskProps.put("gatekeep.desk.agents.bootstrap-totp-secret", base32(random(20)));
            deskProps.put("gatekeep.desk.cancel-base-url", "http://localhost:" + apiPort);

            // the API first: it migrates the schema the others use
            api = start("mfa-api", heap, apiProps);
            api.awaitHealthy(Duration.ofMinutes(5));
            ServiceProcess worker = start("mfa-worker", heap, workerProps);
            ServiceProcess desk = start("support-desk", heap, deskProps);
            worker.awaitHealthy(Duration.ofMinutes(5));
            desk.awaitHealthy(Duration.ofMinutes(5));
        }

        private ServiceProcess start(String module, String heap, Map<String, String> properties) throws IOException {
            ServiceProcess service = ServiceProcess.start(
                    module, ServiceProcess.executableJar(module, null), heap, flightRecording(module), properties);
            services.add(service);
            System.out.printf("  %s pid %d, -Xmx%s, log %s%n", module, service.pid(), heap, service.log());
            return service;
        }

        /** With {@code -Dpeer.jfr=<dir>}, each service records a flight recording there (for a profile). */
        private static List<String> flightRecording(String module) {
            String dir = System.getProperty("peer.jfr");
            return dir == null
                    ? List.of()
                    : List.of("-XX:StartFlightRecording=settings=profile,filename="
                            + Path.of(dir, module + ".jfr").toAbsolutePath());
        }

        private static String[] readReady(Process infra) throws IOException {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(infra.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return line.split(" ");
                }
            }
            throw new IllegalStateException("Kafka/mail JVM exited before it was ready");
        }

        /** The system's name in the results when password and code go in one request. */
        static final String ONE_REQUEST = "Gatekeep 1-request";

        private volatile boolean oneRequest;

        /** From now on, sign in with password and code in one {@code POST /api/v1/auth/sign-in}. */
        void oneRequest(boolean oneRequest) {
            this.oneRequest = oneRequest;
        }

        @Override
        public String name() {
            return oneRequest ? ONE_REQUEST : "Gatekeep";
        }

        @Override
        public String baseUrl() {
            return api.baseUrl();
        }

        @Override
        public void seed(int count) throws Exception {
            users = EnrolledUsers.seed(postgres.jdbcUrl(), postgres.database, postgres.database, crypto, count);
        }

        @Override
        public PeerLoad.SignIn signIn(boolean wrongCode) {
            if (oneRequest) {
                return (http, index) -> {
                    EnrolledUser user = users.get(index);
                    KeepAliveHttp.Response response = http.exchangeHere(
                            "/api/v1/auth/sign-in",
                            "application/json",
                            "{\"email\":" + ServiceProcess.quote(user.email()) + ",\"password\":"
                                    + ServiceProcess.quote(EnrolledUsers.PASSWORD) + ",\"code\":\""
                                    + code(user.secret(), wrongCode) + "\"}");
                    if (response.status() == 200 && response.body().contains("\"status\":\"AUTHENTICATED\"")) {
                        return null;
                    }
                    Matcher problem = PROBLEM_CODE.matcher(response.body());
                    return "sign-in " + response.status() + (problem.find() ? " " + problem.group(1) : "");
                };
            }
            return (http, index) -> {
                EnrolledUser user = users.get(index);
                KeepAliveHttp.Response first = http.exchangeHere(
                        "/api/v1/auth/sign-in",
                        "application/json",
                        "{\"email\":" + ServiceProcess.quote(user.email()) + ",\"password\":"
                                + ServiceProcess.quote(EnrolledUsers.PASSWORD) + "}");
                Matcher challenge = CHALLENGE.matcher(first.body());
                if (first.status() != 200 || !challenge.find()) {
                    return "sign-in " + first.status();
                }
                KeepAliveHttp.Response second = http.exchangeHere(
                        "/api/v1/auth/mfa",
                        "application/json",
                        "{\"challengeToken\":" + ServiceProcess.quote(challenge.group(1)) + ",\"code\":\""
                                + code(user.secret(), wrongCode) + "\"}");
                if (second.status() == 200 && second.body().contains("\"status\":\"AUTHENTICATED\"")) {
                    return null;
                }
                Matcher problem = PROBLEM_CODE.matcher(second.body());
                return "mfa " + second.status() + (problem.find() ? " " + problem.group(1) : "");
            };
        }

        @Override
        public Map<String, Double> cpu() {
            Map<String, Double> cpu = new LinkedHashMap<>();
            cpu.put(
                    "java",
                    services.stream()
                            .mapToDouble(s -> CpuMeter.processSeconds(s.pid(), true))
                            .sum());
            cpu.put("postgres", postgres.cpuSeconds());
            cpu.put("broker", CpuMeter.processSeconds(infra.pid(), true));
            return cpu;
        }

        /** The run's events are published (outbox drained), so their cost is counted in the run that caused it. */
        @Override
        public void settle() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.database, postgres.database);
                    Statement sql = db.createStatement()) {
                while (System.nanoTime() < deadline) {
                    try (ResultSet row =
                            sql.executeQuery("select count(*) from outbox_event where status = 'PENDING'")) {
                        row.next();
                        if (row.getLong(1) == 0) {
                            return;
                        }
                    }
                    Thread.sleep(100);
                }
            }
            System.out.println("  (outbox not drained within 2 minutes)");
        }

        /** How many sign-in events reached the worker's audit (consumer {@code audit}). */
        long audited() {
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.database, postgres.database);
                    Statement sql = db.createStatement();
                    ResultSet row = sql.executeQuery("select count(*) from processed_event where consumer = 'audit'")) {
                row.next();
                return row.getLong(1);
            } catch (SQLException e) {
                return -1;
            }
        }

        @Override
        public String settings() {
            try {
                return "PostgreSQL " + postgres.durability() + "; API, worker, desk; Kafka (KRaft, 1 broker) and "
                        + "mail in one JVM; bcrypt cost 4, weak hashing allowed, sign-in rate limits raised "
                        + "(benchmark only)";
            } catch (SQLException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws Exception {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            infra.getOutputStream().close();
            if (!infra.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                infra.destroyForcibly();
            }
            postgres.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Keycloak

    /** The Keycloak distribution in {@code start-dev} mode on its own PostgreSQL database, with the realm we create. */
    static final class Keycloak implements Peer {

        static final String REALM = "bench";
        static final String CLIENT = "bench-cli";
        private static final String PASSWORD = "bench-password-not-measured";
        private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        private final DurablePostgres postgres;
        private final Process process;
        private final int port;
        private final int managementPort;
        private final Path log;
        private final Path javaHome;
        private final HttpClient admin = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final List<String> usernames = new ArrayList<>();
        private final List<byte[]> secrets = new ArrayList<>();

        Keycloak(Path logs, Path home, Path javaHome, String heap) throws Exception {
            this.javaHome = javaHome;
            postgres = new DurablePostgres("keycloak", logs.resolve("keycloak-postgres.log"));
            port = ServiceProcess.freePort();
            managementPort = ServiceProcess.freePort();
            log = logs.resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin").resolve("kc.sh").toString(),
                            "start-dev",
                            "--db=postgres",
                            "--db-url=" + postgres.jdbcUrl(),
                            "--db-username=keycloak",
                            "--db-password=keycloak",
                            "--http-port=" + port,
                            "--http-management-port=" + managementPort,
                            "--health-enabled=true",
                            "--hostname-strict=false")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx" + heap);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }));
            System.out.printf("  Keycloak pid %d (JAVA_HOME %s, -Xmx%s), log %s%n", process.pid(), javaHome, heap, log);
            awaitReady(Duration.ofMinutes(8));
        }

        private void awaitReady(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "Keycloak exited with " + process.exitValue() + "; log " + log + "\n" + tail());
                }
                try {
                    HttpResponse<String> ready = admin.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(1000);
            }
            throw new IllegalStateException("Keycloak not ready within " + timeout + "; log " + log + "\n" + tail());
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "";
            }
        }

        /** {@code KEYCLOAK_JAVA_HOME} (or {@code -Dkeycloak.java.home}), else the newest /usr/lib/jvm/temurin*. */
        static Path findJavaHome() {
            String configured = System.getProperty("keycloak.java.home", System.getenv("KEYCLOAK_JAVA_HOME"));
            if (configured != null && !configured.isBlank()) {
                Path home = Path.of(configured);
                if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                    throw new IllegalStateException("KEYCLOAK_JAVA_HOME=" + configured + " has no bin/java");
                }
                return home;
            }
            try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
                Optional<Path> temurin = jvms.filter(
                                p -> p.getFileName().toString().startsWith("temurin"))
                        .filter(p -> Files.isExecutable(p.resolve("bin").resolve("java")))
                        .max(Comparator.comparing(p -> p.getFileName().toString()));
                if (temurin.isPresent()) {
                    return temurin.get();
                }
            } catch (IOException e) {
                // falls through to the message below
            }
            throw new IllegalStateException("Keycloak 26 needs Java 21 or later: no KEYCLOAK_JAVA_HOME set and no "
                    + "/usr/lib/jvm/temurin* with bin/java found. Set KEYCLOAK_JAVA_HOME to a JDK 21+ home.");
        }

        private String adminToken() throws Exception {
            HttpResponse<String> token = admin.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
            if (token.statusCode() != 200 || !access.find()) {
                throw new IllegalStateException("Admin token: " + token.statusCode() + " " + token.body());
            }
            return access.group(1);
        }

        private void adminPost(String token, String path, String json) throws Exception {
            HttpResponse<String> response = admin.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
            }
        }

        @Override
        public void seed(int count) throws Exception {
            // default OTP policy (TOTP, HmacSHA1, 6 digits, 30 s); events stored, like Gatekeep's audit
            adminPost(
                    adminToken(),
                    "/admin/realms",
                    "{\"realm\":\"" + REALM + "\",\"enabled\":true,"
                            + "\"passwordPolicy\":\"hashAlgorithm(pbkdf2-sha256) and hashIterations(1)\","
                            + "\"eventsEnabled\":true,"
                            + "\"clients\":[{\"clientId\":\"" + CLIENT + "\",\"publicClient\":true,"
                            + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}]}");
            SecureRandom random = new SecureRandom();
            int batch = 500;
            for (int from = 0; from < count; from += batch) {
                StringBuilder json = new StringBuilder("{\"ifResourceExists\":\"FAIL\",\"users\":[");
                for (int i = from; i < Math.min(count, from + batch); i++) {
                    StringBuilder secret = new StringBuilder();
                    for (int c = 0; c < 20; c++) {
                        secret.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
                    }
                    String username = String.format("bench-user-%06d", i);
                    usernames.add(username);
                    // Keycloak keys the HMAC with the secret string's bytes (the QR code carries their base32)
                    secrets.add(secret.toString().getBytes(StandardCharsets.UTF_8));
                    String secretData = "{\"value\":\"" + secret + "\"}";
                    String credentialData = "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                            + "\"algorithm\":\"HmacSHA1\"}";
                    json.append(i == from ? "" : ",")
                            .append("{\"username\":\"")
                            .append(username)
                            .append("\",\"email\":\"")
                            .append(username)
                            .append("@bench.test\",")
                            .append("\"firstName\":\"Bench\",\"lastName\":\"User\",\"enabled\":true,")
                            .append("\"emailVerified\":true,\"credentials\":[{\"type\":\"password\",\"value\":\"")
                            .append(PASSWORD)
                            .append("\",\"temporary\":false},{\"type\":\"otp\",")
                            .append("\"userLabel\":\"bench\",\"secretData\":")
                            .append(ServiceProcess.quote(secretData))
                            .append(",\"credentialData\":")
                            .append(ServiceProcess.quote(credentialData))
                            .append("}]}");
                }
                adminPost(
                        adminToken(),
                        "/admin/realms/" + REALM + "/partialImport",
                        json.append("]}").toString());
            }
        }

        @Override
        public String name() {
            return "Keycloak";
        }

        @Override
        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public PeerLoad.SignIn signIn(boolean wrongCode) {
            String path = "/realms/" + REALM + "/protocol/openid-connect/token";
            return (http, index) -> {
                KeepAliveHttp.Response response = http.exchangeHere(
                        path,
                        "application/x-www-form-urlencoded",
                        "grant_type=password&client_id=" + CLIENT + "&username="
                                + URLEncoder.encode(usernames.get(index), StandardCharsets.UTF_8) + "&password="
                                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&totp="
                                + code(secrets.get(index), wrongCode));
                return response.status() == 200 && response.body().contains("\"access_token\"")
                        ? null
                        : "token " + response.status()
                                + (response.status() == 200
                                        ? ""
                                        : " " + response.body().replaceAll("^.*\"error\":\"([^\"]*)\".*$", "$1"));
            };
        }

        @Override
        public Map<String, Double> cpu() {
            Map<String, Double> cpu = new LinkedHashMap<>();
            cpu.put("java", CpuMeter.treeSeconds(process.pid()));
            cpu.put("postgres", postgres.cpuSeconds());
            cpu.put("broker", 0.0);
            return cpu;
        }

        @Override
        public String settings() {
            try {
                return "PostgreSQL " + postgres.durability() + "; Keycloak 26.7.3 start-dev (local caches) on "
                        + javaHome.getFileName() + "; realm password policy hashAlgorithm(pbkdf2-sha256) and "
                        + "hashIterations(1), default OTP policy, events stored";
            } catch (SQLException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            postgres.close();
        }
    }

    /** The code an authenticator app shows now, or (for the refusal check) the same with its last digit changed. */
    static String code(byte[] secret, boolean wrong) {
        String code = TotpCodes.codeAt(secret, System.currentTimeMillis());
        return wrong ? code.substring(0, 5) + (char) ('0' + (code.charAt(5) - '0' + 5) % 10) : code;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
