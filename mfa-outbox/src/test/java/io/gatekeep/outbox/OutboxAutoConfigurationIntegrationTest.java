package io.gatekeep.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import io.gatekeep.outbox.blocked.BlockedEvents;
import io.gatekeep.outbox.blocked.OutboxEndpoint;
import io.gatekeep.testing.TestEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxAutoConfigurationIntegrationTest {

    private final TestEnvironment env = TestEnvironment.create();

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    FlywayAutoConfiguration.class,
                    KafkaAutoConfiguration.class,
                    OutboxAutoConfiguration.class))
            .withPropertyValues(env.springProperties().entrySet().stream()
                    .map(property -> property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new))
            .withPropertyValues("spring.application.name=mfa-test", "gatekeep.events.partitions=2");

    @Test
    void createsEveryTopicAndItsDeadLetterTopicAndRelaysWhatTheWriterCommits() {
        service.run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(JdbcOutboxWriter.class)
                    .hasSingleBean(OutboxRelay.class);
            assertThat(context.getBean(OutboxRelay.class).isRunning()).isTrue();
            Map<String, TopicDescription> topics = describeTopics();
            for (Topic topic : Topic.values()) {
                assertThat(topics.get(topic.physicalName(env.topicPrefix())).partitions())
                        .hasSize(2);
                assertThat(topics).containsKey(topic.deadLetterName(env.topicPrefix()));
            }

            EventEnvelope event = context.getBean(TransactionTemplate.class)
                    .execute(status ->
                            context.getBean(JdbcOutboxWriter.class).append(OutboxFixture.signedIn(UUID.randomUUID())));

            assertThat(event.source()).isEqualTo("/gatekeep/mfa-test");
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "PUBLISHED"
                            .equals(jdbc.queryForObject(
                                    "select status from outbox_event where event_id = ?", String.class, event.id())));
        });
    }

    @Test
    void runsNoRelayWhenDisabled() {
        service.withPropertyValues("gatekeep.outbox.relay.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(OutboxRelay.class)
                        .hasSingleBean(JdbcOutboxWriter.class));
    }

    @Test
    void servesTheOutboxEndpointWhereItIsExposed() {
        service.run(context ->
                assertThat(context).hasSingleBean(BlockedEvents.class).doesNotHaveBean(OutboxEndpoint.class));
        service.withPropertyValues("management.endpoints.web.exposure.include=outbox")
                .run(context -> assertThat(context).hasSingleBean(OutboxEndpoint.class));
    }

    private Map<String, TopicDescription> describeTopics() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            return admin.describeTopics(names.stream()
                            .filter(name -> name.startsWith(env.topicPrefix()))
                            .toList())
                    .allTopicNames()
                    .get();
        }
    }
}
