package io.gatekeep.messaging.consuming;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.MalformedEventException;
import io.gatekeep.events.UnknownEventTypeException;
import io.gatekeep.outbox.EventsProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Consuming for a service that declares an {@link EventSubscription}: the listener, the dispatcher over the
 * service's {@link EventHandler}s, the error handler with its dead-letter template, and the {@code kafka} health
 * indicator. Runs before Boot's Kafka auto-configuration so that Boot's own {@code kafkaTemplate}, which nothing here
 * uses, backs off for the dead-letter template.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnBean(EventSubscription.class)
public class ConsumingAutoConfiguration {

    @Bean(ConsumedTopics.BEAN_NAME)
    ConsumedTopics gatekeepConsumedTopics(EventSubscription subscription, EventsProperties events) {
        return ConsumedTopics.of(subscription, events.topicPrefix());
    }

    @Bean
    EventDispatcher eventDispatcher(
            EventCodec codec,
            DataSource dataSource,
            Clock clock,
            List<EventHandler> handlers,
            PlatformTransactionManager transactionManager) {
        return new EventDispatcher(
                new RecordDecoder(codec),
                new ProcessedEvents(new JdbcTemplate(dataSource), clock),
                handlers,
                new TransactionTemplate(transactionManager));
    }

    @Bean
    EventListener eventListener(EventDispatcher dispatcher) {
        return new EventListener(dispatcher);
    }

    /** Picked up by Boot's listener container factory. */
    @Bean
    DefaultErrorHandler eventErrorHandler(
            KafkaTemplate<byte[], byte[]> deadLetterTemplate, EventSubscription subscription) {
        EventSubscription.Retry retry = subscription.retry();
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxAttempts(retry.maxRetries());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new DeadLetters(new DeadLetterPublishingRecoverer(
                        deadLetterTemplate, (record, exception) -> DeadLetters.destination(record))),
                backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, UnknownEventTypeException.class);
        // In batch mode the poison exception arrives wrapped (BatchListenerFailedException), so look at its causes.
        handler.setBackOffFunction(
                (record, exception) -> DeadLetters.isPoison(exception) ? new FixedBackOff(0, 0) : null);
        return handler;
    }

    /** Republishes the original bytes, whatever they are. */
    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(
            KafkaProperties kafka, KafkaConnectionDetails connection, Environment environment) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName(environment) + "-dlt");
        return new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    private static String serviceName(Environment environment) {
        return environment.getProperty("spring.application.name", "gatekeep");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("kafka")
    static class Health {

        /** Shows as {@code kafka}. */
        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, Environment environment) {
            return new KafkaHealthIndicator(kafkaAdmin, serviceName(environment) + "-health");
        }
    }
}
