package io.gatekeep.webtests;

import io.gatekeep.api.MfaApiApplication;
import io.gatekeep.desk.SupportDeskApplication;
import io.gatekeep.testing.MutableClock;
import io.gatekeep.testing.TestEnvironment;
import io.gatekeep.worker.MfaWorkerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.UrlResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real product behind the browser: mfa-api, mfa-worker and the support desk started in this JVM, once per test
 * run, on the embedded PostgreSQL, Kafka broker and GreenMail of {@code mfa-test-support}. The three share a movable
 * clock that tests set and advance (memberships the API dates are as old for the desk as for the API, and mail the
 * desk queues is due for the worker that sends it). Tests stay apart by using fresh addresses. The desk is configured
 * as {@code ./run-local} configures it (mfa-local's ServiceConfig): its mailbox on
 * GreenMail's IMAP, the API's directory with a service token, one bootstrap agent with a known TOTP secret.
 */
final class GatekeepStack {

    private static GatekeepStack running;

    private final MutableClock clock;
    private final ConfigurableApplicationContext api;
    /** The support mailbox the desk reads (GreenMail accepts any address as user and password). */
    static final String SUPPORT_ADDRESS = "support@desk.web-tests.local";
    /** The desk's bootstrap agent: user name, password and the TOTP secret of their authenticator app. */
    static final String AGENT = "agent";

    static final String AGENT_PASSWORD = "Web-Tests-Agent-Passw0rd!";
    static final String AGENT_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    /** The service credential the desk reads the API's internal directory with (a fixed test value). */
    private static final String DESK_SERVICE_TOKEN = "web-tests-desk-service-token-0123456789abcdef";
    /** Seals the agents' TOTP secrets (base64 of 32 bytes, a fixed test key). */
    private static final String DESK_SECRET_KEY = "d2ViLXRlc3RzLWRlc2stYWdlbnQtc2VjcmV0LWtleSE=";

    private final ConfigurableApplicationContext worker;
    private final ConfigurableApplicationContext desk;
    private final String baseUrl;
    private final String deskUrl;

    private GatekeepStack(
            MutableClock clock,
            ConfigurableApplicationContext api,
            ConfigurableApplicationContext worker,
            ConfigurableApplicationContext desk,
            String baseUrl,
            String deskUrl) {
        this.clock = clock;
        this.api = api;
        this.worker = worker;
        this.desk = desk;
        this.baseUrl = baseUrl;
        this.deskUrl = deskUrl;
    }

    static synchronized GatekeepStack get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
        }
        return running;
    }

    /** Where the browser opens the web client, e.g. {@code http://localhost:41234}. */
    String baseUrl() {
        return baseUrl;
    }

    /** Where the agents' desk UI and API answer, e.g. {@code http://localhost:41235}. */
    String deskUrl() {
        return deskUrl;
    }

    MutableClock clock() {
        return clock;
    }

    /** The services' clock at the real time again, as at the start of each test (the browser's clock is real time). */
    void resetClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    JdbcTemplate jdbc() {
        return api.getBean(JdbcTemplate.class);
    }

    private static GatekeepStack start() {
        TestEnvironment environment = TestEnvironment.create();
        MutableClock clock = new MutableClock();

        Map<String, Object> apiProperties = serviceProperties(MfaApiApplication.class, environment);
        apiProperties.put("server.port", "0");
        apiProperties.put("management.server.port", "0");
        apiProperties.put("gatekeep.passwords.bcrypt-strength", "4");
        apiProperties.put("gatekeep.passwords.allow-weak-hashing", "true");
        // every browser signs in from 127.0.0.1: no per-network limit may get in the tests' way
        apiProperties.put("gatekeep.sign-in.rate-limit.per-network", "100000");
        apiProperties.put("gatekeep.sign-in.rate-limit.per-account-and-network", "100000");
        apiProperties.put("gatekeep.signup.rate-limit.per-network", "100000");
        apiProperties.put("gatekeep.passwords.rate-limit.reset-per-network", "100000");
        // the cancel page's POST goes through the API to the desk, which listens on this port once it starts
        int deskPort = freePort();
        apiProperties.put("gatekeep.desk.base-url", "http://localhost:" + deskPort);
        apiProperties.put("gatekeep.mfa.encryption.keys.web-tests", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        apiProperties.put("gatekeep.mfa.encryption.active-key-id", "web-tests");
        apiProperties.put("gatekeep.internal.service-tokens.desk", DESK_SERVICE_TOKEN);
        // the desk's servlet stack is on this classpath too: the API keeps its own server, Netty, as it does alone
        apiProperties.put(
                "spring.autoconfigure.exclude",
                String.join(
                        ",",
                        "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
                        "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
                                + "TomcatReactiveManagementContextAutoConfiguration"));
        ConfigurableApplicationContext api = new SpringApplicationBuilder(MfaApiApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(apiProperties)
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(
                                "movableClock", Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run("--spring.config.name=gatekeep-web-tests");
        String baseUrl = "http://localhost:" + api.getEnvironment().getProperty("local.server.port");

        Map<String, Object> workerProperties = serviceProperties(MfaWorkerApplication.class, environment);
        workerProperties.put("gatekeep.web.base-url", baseUrl);
        workerProperties.put("spring.kafka.listener.concurrency", "1");
        // the API's R2DBC driver is on this classpath too: the worker talks JDBC only, as it does on its own
        workerProperties.put(
                "spring.autoconfigure.exclude", "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration");
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(MfaWorkerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(workerProperties)
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(
                                "movableClock", Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run("--spring.config.name=gatekeep-web-tests");
        ConfigurableApplicationContext desk = new SpringApplicationBuilder(SupportDeskApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(deskProperties(environment, baseUrl, deskPort))
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(
                                "movableClock", Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run("--spring.config.name=gatekeep-web-tests");
        String deskUrl = "http://localhost:" + desk.getEnvironment().getProperty("local.server.port");
        return new GatekeepStack(clock, api, worker, desk, baseUrl, deskUrl);
    }

    /** The desk as the local stack runs it (mfa-local's ServiceConfig), on random ports. */
    private static Map<String, Object> deskProperties(TestEnvironment environment, String apiUrl, int port) {
        Map<String, Object> properties = serviceProperties(SupportDeskApplication.class, environment);
        properties.put("server.port", String.valueOf(port));
        // due resets are released within a second of the (movable) reset time
        properties.put("gatekeep.desk.reset-sweep-interval", "1s");
        properties.put("management.server.port", "0");
        properties.put("spring.kafka.listener.concurrency", "1");
        properties.put(
                "spring.autoconfigure.exclude", "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration");
        properties.put("gatekeep.desk.mailbox.host", "127.0.0.1");
        properties.put("gatekeep.desk.mailbox.port", String.valueOf(environment.imapPort()));
        properties.put("gatekeep.desk.mailbox.protocol", "imap");
        properties.put("gatekeep.desk.mailbox.username", SUPPORT_ADDRESS);
        properties.put("gatekeep.desk.mailbox.password", SUPPORT_ADDRESS);
        properties.put("gatekeep.desk.mailbox.idle-renewal", "5s");
        properties.put("gatekeep.desk.mailbox.poll-interval", "1s");
        properties.put("gatekeep.desk.support-address", SUPPORT_ADDRESS);
        properties.put("gatekeep.desk.directory.base-url", apiUrl);
        properties.put("gatekeep.desk.directory.token", DESK_SERVICE_TOKEN);
        properties.put("gatekeep.desk.cancel-base-url", apiUrl);
        // GreenMail adds no Authentication-Results header; organizations in these tests are seconds old
        properties.put("support.require-authenticated-sender", "false");
        properties.put("gatekeep.desk.min-membership-age", "0s");
        properties.put("gatekeep.desk.agents.secret-key", DESK_SECRET_KEY);
        properties.put("gatekeep.desk.agents.bootstrap-username", AGENT);
        properties.put("gatekeep.desk.agents.bootstrap-password", AGENT_PASSWORD);
        properties.put("gatekeep.desk.agents.bootstrap-totp-secret", AGENT_TOTP_SECRET);
        return properties;
    }

    /**
     * A service's own application.yml (both services' files are on this classpath under the same name, so each is
     * read from its own jar and ordinary config-file lookup is turned off) and the embedded infrastructure.
     */
    private static Map<String, Object> serviceProperties(Class<?> application, TestEnvironment environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            URL location = application.getProtectionDomain().getCodeSource().getLocation();
            URL yaml = location.getPath().endsWith(".jar")
                    ? new URL("jar:" + location + "!/application.yml")
                    : new URL(location, "application.yml");
            new YamlPropertySourceLoader()
                    .load(application.getSimpleName(), new UrlResource(yaml))
                    .forEach(source -> {
                        EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
                        for (String name : enumerable.getPropertyNames()) {
                            properties.put(name, String.valueOf(enumerable.getProperty(name)));
                        }
                    });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.putAll(environment.springProperties());
        return properties;
    }

    /**
     * Closes the services once the last test has run, while the embedded broker and database still answer (the JVM's
     * shutdown hooks would close them all at once, and the services' Kafka clients would wait for a broker gone).
     */
    static synchronized void stopAfterTheLastTest() {
        if (running != null) {
            running.stop();
        }
    }

    private synchronized void stop() {
        if (!desk.isActive() && !worker.isActive() && !api.isActive()) {
            return;
        }
        desk.close();
        worker.close();
        api.close();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
