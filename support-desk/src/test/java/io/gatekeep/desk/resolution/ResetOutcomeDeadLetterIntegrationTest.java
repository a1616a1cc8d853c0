package io.gatekeep.desk.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ResetOutcomeDeadLetterIntegrationTest extends DeskIntegrationTest {

    @Test
    void anUnreadableResetOutcomeIsDeadLetteredNotSkipped() throws Exception {
        String eventId = UUID.randomUUID().toString();
        ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(
                ENV.topicPrefix() + "recovery",
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_type", EventType.MFA_DISABLED.type().getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.kafkaBootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(poison).get();
        }

        assertThat(deadLetteredIds()).contains(eventId);
    }

    private static List<String> deadLetteredIds() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "desk-dlt-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(ENV.topicPrefix() + "recovery.dlt"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ids.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                }
                return !ids.isEmpty();
            });
        }
        return ids;
    }
}
