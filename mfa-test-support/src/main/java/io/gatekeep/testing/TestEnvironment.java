package io.gatekeep.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What one test class gets: its own database and topic prefix on the shared servers, and the Spring properties that
 * point a Gatekeep service at them. Use it from {@code @DynamicPropertySource}:
 *
 * <pre>{@code
 * static final TestEnvironment ENV = TestEnvironment.create();
 *
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) { ENV.register(registry); }
 * }</pre>
 */
public record TestEnvironment(
        TestDatabase database, String kafkaBootstrapServers, String topicPrefix, int smtpPort, int imapPort) {

    /** A fresh (unmigrated: the service under test runs Flyway) database, topic prefix and the shared mail server. */
    public static TestEnvironment create() {
        TestMail mail = TestMail.get();
        TestKafka kafka = TestKafka.get();
        return new TestEnvironment(
                TestPostgres.get().newDatabase(),
                kafka.bootstrapServers(),
                kafka.newTopicPrefix(),
                mail.smtpPort(),
                mail.imapPort());
    }

    /** The standard Spring Boot properties (and Gatekeep's own) that point a service at this environment. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", database.r2dbcUrl());
        properties.put("spring.r2dbc.username", database.user());
        properties.put("spring.r2dbc.password", database.password());
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.flyway.url", database.jdbcUrl());
        properties.put("spring.flyway.user", database.user());
        properties.put("spring.flyway.password", database.password());
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("gatekeep.events.topic-prefix", topicPrefix);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(smtpPort));
        return properties;
    }

    public void register(DynamicPropertyRegistry registry) {
        springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
