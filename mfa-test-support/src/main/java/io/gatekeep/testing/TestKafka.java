package io.gatekeep.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One Kafka broker per JVM: an embedded KRaft broker by default, or the cluster named by
 * {@code MFA_TEST_KAFKA_BOOTSTRAP}. Tests share it and stay apart through {@link #newTopicPrefix()}.
 */
public final class TestKafka {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static TestKafka instance;

    private final String bootstrapServers;
    private final EmbeddedKafkaKraftBroker broker;

    private TestKafka(String bootstrapServers, EmbeddedKafkaKraftBroker broker) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            String external = System.getenv("MFA_TEST_KAFKA_BOOTSTRAP");
            if (external != null && !external.isBlank()) {
                instance = new TestKafka(external, null);
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                broker.brokerProperty("auto.create.topics.enable", "false");
                broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
                instance = new TestKafka(broker.getBrokersAsString(), broker);
            }
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A topic prefix no other test in this JVM (or an earlier run against an external cluster) uses. */
    public String newTopicPrefix() {
        return "t" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + ".";
    }

    /** Stops the embedded broker, to test behaviour during a Kafka outage. Returns false for an external cluster. */
    public boolean isEmbedded() {
        return broker != null;
    }
}
