package io.gatekeep.webtests;

import io.gatekeep.api.MfaApiApplication;
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
 * The real product behind the browser: mfa-api and mfa-worker started in this JVM, once per test run, on the
 * embedded PostgreSQL, Kafka broker and GreenMail of {@code mfa-test-support}. The API runs on a movable clock that
 * tests set and advance; the worker (emails) keeps real time. Tests stay apart by using fresh addresses.
 */
final class GatekeepStack {

    private static GatekeepStack running;

    private final MutableClock clock;
    private final ConfigurableApplicationContext api;
    private final ConfigurableApplicationContext worker;
    private final String baseUrl;

    private GatekeepStack(MutableClock clock, ConfigurableApplicationContext api,
                          ConfigurableApplicationContext worker, String baseUrl) {
        this.clock = clock;
        this.api = api;
        this.worker = worker;
        this.baseUrl = baseUrl;
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

    MutableClock clock() {
        return clock;
    }

    /** The API's clock at the real time again, as at the start of each test (the browser's clock is real time). */
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
        // every browser signs in from 127.0.0.1: no per-address limit may get in the tests' way
        apiProperties.put("gatekeep.sign-in.rate-limit.per-ip", "100000");
        apiProperties.put("gatekeep.mfa.encryption.keys.web-tests", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        apiProperties.put("gatekeep.mfa.encryption.active-key-id", "web-tests");
        ConfigurableApplicationContext api = new SpringApplicationBuilder(MfaApiApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties(apiProperties)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("movableClock",
                        Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run("--spring.config.name=gatekeep-web-tests");
        String baseUrl = "http://localhost:" + api.getEnvironment().getProperty("local.server.port");

        Map<String, Object> workerProperties = serviceProperties(MfaWorkerApplication.class, environment);
        workerProperties.put("gatekeep.web.base-url", baseUrl);
        workerProperties.put("spring.kafka.listener.concurrency", "1");
        // the API's R2DBC driver is on this classpath too: the worker talks JDBC only, as it does on its own
        workerProperties.put("spring.autoconfigure.exclude",
                "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration");
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(MfaWorkerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(workerProperties)
                .run("--spring.config.name=gatekeep-web-tests");
        return new GatekeepStack(clock, api, worker, baseUrl);
    }

    /**
     * A service's own application.yml (both services' files are on this classpath under the same name, so each is
     * read from its own jar and ordinary config-file lookup is turned off) and the embedded infrastructure.
     */
    private static Map<String, Object> serviceProperties(Class<?> application, TestEnvironment environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            URL location = application.getProtectionDomain().getCodeSource().getLocation();
            URL yaml = location.getPath().endsWith(".jar") ? new URL("jar:" + location + "!/application.yml")
                    : new URL(location, "application.yml");
            new YamlPropertySourceLoader().load(application.getSimpleName(), new UrlResource(yaml)).forEach(source -> {
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

    private void stop() {
        worker.close();
        api.close();
    }
}
