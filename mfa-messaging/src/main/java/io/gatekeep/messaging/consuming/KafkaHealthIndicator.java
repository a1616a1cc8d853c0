package io.gatekeep.messaging.consuming;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/** {@code kafka} in the health endpoint: up when the cluster answers within a few seconds. */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 3_000;

    private final Map<String, Object> adminConfig;
    private final String clientId;
    private Admin admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, String clientId) {
        super("Kafka health check failed");
        this.adminConfig = kafkaAdmin.getConfigurationProperties();
        this.clientId = clientId;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .withDetail(
                        "brokers",
                        cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new java.util.HashMap<>(adminConfig);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
