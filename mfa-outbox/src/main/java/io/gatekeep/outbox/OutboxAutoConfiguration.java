package io.gatekeep.outbox;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.Topic;
import io.gatekeep.outbox.blocked.BlockedEvents;
import io.gatekeep.outbox.blocked.OutboxEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Gives a service the outbox: the {@link JdbcOutboxWriter} (when the service has a JDBC DataSource), the
 * {@link OutboxRelay} (over the service's DataSource, or a small pool of its own for an R2DBC service), and the topics
 * with their dead-letter topics, created at start-up by Boot's {@code KafkaAdmin}; and, for a service with a JDBC
 * DataSource, the operator's {@link BlockedEvents} with the {@code outbox} actuator endpoint.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties({EventsProperties.class, OutboxProperties.class})
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    KafkaAdmin.NewTopics gatekeepTopics(EventsProperties events) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(
                    topic.physicalName(events.topicPrefix()), events.partitions(), events.replicationFactor()));
            topics.add(new NewTopic(
                    topic.deadLetterName(events.topicPrefix()), events.partitions(), events.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "gatekeep.outbox.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            ObjectProvider<DataSource> dataSource,
            Environment environment,
            KafkaProperties kafka,
            KafkaConnectionDetails connection,
            EventsProperties events,
            OutboxProperties outbox,
            Clock clock,
            ObjectProvider<RelayMetrics> metrics) {
        Map<String, Object> producerConfig = kafka.buildProducerProperties();
        producerConfig.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.getProducer().getBootstrapServers());
        RelayMetrics relayMetrics = metrics.getIfAvailable(() -> RelayMetrics.NONE);
        DataSource shared = dataSource.getIfUnique();
        if (shared != null) {
            return new OutboxRelay(shared, producerConfig, events.topicPrefix(), outbox.relay(), clock, relayMetrics);
        }
        OutboxRelay relay = new OutboxRelay(
                RelayDataSource.fromEnvironment(environment),
                producerConfig,
                events.topicPrefix(),
                outbox.relay(),
                clock,
                relayMetrics);
        relay.closeDataSourceOnClose();
        return relay;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    JdbcOutboxWriter jdbcOutboxWriter(
            DataSource dataSource,
            EventCodec codec,
            Clock clock,
            EventsProperties events,
            Environment environment,
            ObjectProvider<OutboxRelay> relay) {
        String source = events.source() != null
                ? events.source()
                : "/gatekeep/" + environment.getProperty("spring.application.name", "service");
        return new JdbcOutboxWriter(dataSource, codec, clock, source, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    BlockedEvents blockedEvents(DataSource dataSource, Clock clock, ObjectProvider<OutboxRelay> relay) {
        return new BlockedEvents(dataSource, clock, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    @ConditionalOnSingleCandidate(DataSource.class)
    static class Operations {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        OutboxEndpoint outboxEndpoint(BlockedEvents blocked) {
            return new OutboxEndpoint(blocked);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBooleanProperty(name = "gatekeep.outbox.metrics.enabled", matchIfMissing = true)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        MicrometerRelayMetrics outboxRelayMetrics(ObjectProvider<DataSource> dataSource) {
            return new MicrometerRelayMetrics(dataSource.getIfUnique());
        }
    }
}
