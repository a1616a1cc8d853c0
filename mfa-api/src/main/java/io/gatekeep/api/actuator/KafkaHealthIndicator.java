package io.gatekeep.api.actuator;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Kafka reachability ({@code kafka} in /actuator/health). The API only writes the outbox, so Kafka being down does not
 * stop requests; the relay catches up. The indicator reports it so operators see the backlog's cause.
 */
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final AdminClient admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "mfa-api-health");
        this.admin = AdminClient.create(config);
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis());
        return Mono.fromFuture(() -> admin.describeCluster(options)
                        .clusterId()
                        .toCompletionStage()
                        .toCompletableFuture())
                .zipWith(Mono.fromFuture(() -> admin.describeCluster(options)
                        .nodes()
                        .toCompletionStage()
                        .toCompletableFuture()))
                .map(cluster -> builder.up()
                        .withDetail("clusterId", cluster.getT1())
                        .withDetail("nodes", cluster.getT2().size())
                        .build())
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT.plusSeconds(1));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
