package io.gatekeep.messaging.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.outbox.JdbcOutboxWriter;
import io.gatekeep.outbox.OutboxAutoConfiguration;
import io.gatekeep.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A service that declares a subscription and a handler, against real PostgreSQL and Kafka. */
class ConsumingAutoConfigurationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEnvironment env = TestEnvironment.create();
    private final SignInHandler handler = new SignInHandler();

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    FlywayAutoConfiguration.class,
                    KafkaAutoConfiguration.class,
                    OutboxAutoConfiguration.class,
                    ConsumingAutoConfiguration.class))
            .withPropertyValues(env.springProperties().entrySet().stream()
                    .map(property -> property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new))
            .withPropertyValues(
                    "spring.application.name=mfa-test",
                    "gatekeep.events.partitions=2",
                    "spring.kafka.consumer.group-id=mfa-test",
                    "spring.kafka.consumer.auto-offset-reset=earliest",
                    "spring.kafka.consumer.key-deserializer=" + ByteArrayDeserializer.class.getName(),
                    "spring.kafka.consumer.value-deserializer=" + ByteArrayDeserializer.class.getName());

    private final ApplicationContextRunner subscribed = service.withBean(
                    EventSubscription.class,
                    () -> new EventSubscription(
                            "mfa-test-events",
                            Set.of(Topic.ACCOUNT),
                            new EventSubscription.Retry(Duration.ofMillis(50), Duration.ofMillis(100), 2)))
            .withBean(SignInHandler.class, () -> handler);

    @Test
    void appliesAnEventOnceInTheHandlersTransactionEvenWhenItIsDeliveredAgain() {
        subscribed.run(context -> {
            UUID user = UUID.randomUUID();
            EventEnvelope event = publish(context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));
            await().atMost(WAIT).until(() -> handler.timesApplied(event.id()) == 1);
            assertThat(processed(context, event.id())).isTrue();

            jdbc(context).update("update outbox_event set status = 'PENDING' where event_id = ?", event.id());
            // A later event of the same key (so the same partition) is consumed after the redelivered one.
            EventEnvelope later = publish(context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));
            await().atMost(WAIT).until(() -> handler.timesApplied(later.id()) == 1);

            assertThat(handler.timesApplied(event.id())).isEqualTo(1);
        });
    }

    @Test
    void deadLettersAnEventItsHandlerNeverAcceptsAfterItsRetriesAndAppliesTheNext() {
        subscribed.run(context -> {
            UUID user = UUID.randomUUID();
            EventEnvelope poison = publish(
                    context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, SignInHandler.FAIL_ALWAYS));
            EventEnvelope next = publish(context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));

            await().atMost(WAIT).until(() -> handler.timesApplied(next.id()) == 1);

            assertThat(deadLetteredIds(user, 1)).containsExactly(poison.id().toString());
            assertThat(processed(context, poison.id()))
                    .as("its claim was rolled back")
                    .isFalse();
        });
    }

    @Test
    void deadLettersARecordThatCannotBeReadAtOnceAndAppliesTheNext() {
        subscribed.run(context -> {
            UUID user = UUID.randomUUID();
            String unreadable = UUID.randomUUID().toString();
            sendRaw(user, unreadable, "{\"userId\": \"not json");
            EventEnvelope next = publish(context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));

            await().atMost(WAIT).until(() -> handler.timesApplied(next.id()) == 1);

            assertThat(deadLetteredIds(user, 1)).containsExactly(unreadable);
        });
    }

    @Test
    void passesOverEventsAHandlerRefusesWithoutRecordingThem() {
        subscribed.run(context -> {
            UUID user = UUID.randomUUID();
            EventEnvelope refused = publish(
                    context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, SignInHandler.NOT_MINE));
            EventEnvelope next = publish(context, new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));

            await().atMost(WAIT).until(() -> handler.timesApplied(next.id()) == 1);

            assertThat(handler.timesApplied(refused.id())).isZero();
            assertThat(processed(context, refused.id())).isFalse();
        });
    }

    @Test
    void reportsKafkaHealthAndLeavesBootsOwnTemplateOutForTheDeadLetterOne() {
        subscribed.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("kafkaHealthIndicator", HealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
            assertThat(context.getBeansOfType(KafkaTemplate.class)).containsOnlyKeys("deadLetterTemplate");
        });
    }

    @Test
    void consumesNothingWithoutASubscription() {
        service.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(EventDispatcher.class)
                .doesNotHaveBean(KafkaHealthIndicator.class)
                .doesNotHaveBean("deadLetterTemplate"));
    }

    private static EventEnvelope publish(AssertableApplicationContext context, SignedIn event) {
        return context.getBean(TransactionTemplate.class)
                .execute(status -> context.getBean(JdbcOutboxWriter.class).append(event));
    }

    private static JdbcTemplate jdbc(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    private static boolean processed(AssertableApplicationContext context, UUID eventId) {
        return jdbc(context)
                        .queryForObject(
                                "select count(*) from processed_event where consumer = ? and event_id = ?",
                                Integer.class,
                                SignInHandler.NAME,
                                eventId)
                > 0;
    }

    /** A record straight to Kafka, as a broken producer would write it: headers of a sign-in, a payload that is not. */
    private void sendRaw(UUID key, String id, String value) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                Topic.ACCOUNT.physicalName(env.topicPrefix()), bytes(key.toString()), bytes(value));
        record.headers().add(CloudEventHeaders.ID, bytes(id));
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/gatekeep/test"));
        record.headers().add(CloudEventHeaders.TYPE, bytes("io.gatekeep.account.signed-in"));
        record.headers().add(CloudEventHeaders.TIME, bytes("2026-01-05T09:00:00Z"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /** The {@code ce_id}s of the dead letters with this key, once {@code expected} arrived (or the wait is over). */
    private List<String> deadLetteredIds(UUID key, int expected) {
        String topic = Topic.ACCOUNT.deadLetterName(env.topicPrefix());
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.toString().equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                        ids.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                });
            }
        }
        return ids;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
