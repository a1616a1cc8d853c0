package io.gatekeep.local;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node Kafka KRaft broker in this JVM, on a fixed port so tools outside the stack can reach it.
 *
 * <p>This is the cluster kit behind spring-kafka-test's {@code EmbeddedKafkaKraftBroker}, used directly because that
 * class ignores {@code kafkaPorts(...)} (spring-kafka#2916): its test kit pre-binds a random port for its own listener
 * name. A listener of our own name ({@code PLAINTEXT}) binds the port we ask for.
 *
 * <p>The log lives in a temporary folder: topics start empty on every run, which is safe because published outbox rows
 * stay published and consumers are idempotent.
 */
final class LocalKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final int port;

    private LocalKafka(KafkaClusterTestKit cluster, int port) {
        this.cluster = cluster;
        this.port = port;
    }

    static LocalKafka start(int port) throws Exception {
        // A fatal broker error must not System.exit() the whole stack without stopping the services.
        Exit.setExitProcedure(
                (status, message) -> System.err.println("Kafka wanted to exit (" + status + "): " + message));
        Exit.setHaltProcedure(
                (status, message) -> System.err.println("Kafka wanted to halt (" + status + "): " + message));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:0")
                .setConfigProp("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .setConfigProp("inter.broker.listener.name", "PLAINTEXT")
                // Topics are declared by the services (NewTopic beans) with the configured partition count.
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw new IllegalStateException("Kafka did not start on port " + port, e);
        }
        return new LocalKafka(cluster, port);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
