package io.gatekeep.worker.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.worker.WorkerIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DeadLetterIntegrationTest extends WorkerIntegrationTest {

    private static final String SIGNED_IN = "io.gatekeep.account.signed-in";

    @Test
    void poisonRecordsGoToTheDeadLetterTopicLoggedWithTheirReasonAndTheNextRecordIsProcessed(CapturedOutput log)
            throws Exception {
        UUID user = UUID.randomUUID();
        String unknownType = send(user, "io.gatekeep.account.no-such-thing", "{}", true);
        String badJson = send(user, SIGNED_IN, "{\"userId\": \"secret-looking-garbage", true);
        String noId = send(user, SIGNED_IN, "{}", false);

        EventEnvelope next = publish(new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> auditEntries(next.id()) == 1);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLetters(user, 3);
        assertThat(deadLetters)
                .extracting(record -> header(record, CloudEventHeaders.ID))
                .containsExactly(unknownType, badJson, null);
        assertThat(new String(deadLetters.get(1).value(), StandardCharsets.UTF_8))
                .contains("secret-looking-garbage");
        assertThat(log.getAll())
                .contains(
                        "Dead-lettering record",
                        unknownType,
                        badJson,
                        "Unknown event type",
                        "Missing header ce_id",
                        "MalformedEventException")
                .doesNotContain("secret-looking-garbage");
        assertThat(noId).isNull();
    }

    /** Sends a record straight to Kafka; returns its ce_id (null when left out). */
    private String send(UUID key, String type, String value, boolean withId) throws Exception {
        String id = withId ? UUID.randomUUID().toString() : null;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                Topic.ACCOUNT.physicalName(ENV.topicPrefix()), bytes(key.toString()), bytes(value));
        if (withId) {
            record.headers().add(CloudEventHeaders.ID, bytes(id));
        }
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/gatekeep/test"));
        record.headers().add(CloudEventHeaders.TYPE, bytes(type));
        record.headers().add(CloudEventHeaders.TIME, bytes(clock.instant().toString()));
        record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        record.headers().add(CloudEventHeaders.SCHEMA_VERSION, bytes("1"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        }
        return id;
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(UUID key, int expected) {
        String topic = Topic.ACCOUNT.deadLetterName(ENV.topicPrefix());
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.kafkaBootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.toString().equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
            }
        }
        found.sort(java.util.Comparator.comparing(record -> originalOffset(record)));
        return found;
    }

    private static long originalOffset(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader("kafka_dlt-original-offset");
        return java.nio.ByteBuffer.wrap(header.value()).getLong();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
