package io.gatekeep.worker.consuming;

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
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class ConsumingConfiguration {

    @Bean
    ConsumedTopics consumedTopics(EventsProperties events) {
        return ConsumedTopics.all(events.topicPrefix());
    }

    @Bean
    EventDispatcher eventDispatcher(EventCodec codec, DataSource dataSource, Clock clock,
                                    List<EventHandler> handlers, PlatformTransactionManager transactionManager) {
        return new EventDispatcher(new RecordDecoder(codec), new ProcessedEvents(new JdbcTemplate(dataSource), clock),
                handlers, new TransactionTemplate(transactionManager));
    }

    @Bean
    EventListener eventListener(EventDispatcher dispatcher) {
        return new EventListener(dispatcher);
    }

    /** Picked up by Boot's listener container factory. */
    @Bean
    DefaultErrorHandler eventErrorHandler(KafkaTemplate<byte[], byte[]> deadLetterTemplate, RetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxAttempts(retry.maxRetries());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new DeadLetters(new DeadLetterPublishingRecoverer(deadLetterTemplate,
                        (record, exception) -> DeadLetters.destination(record))), backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, UnknownEventTypeException.class);
        // In batch mode the poison exception arrives wrapped (BatchListenerFailedException), so look at its causes.
        handler.setBackOffFunction((record, exception) ->
                DeadLetters.isPoison(exception) ? new FixedBackOff(0, 0) : null);
        return handler;
    }

    /** Republishes the original bytes, whatever they are. */
    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "mfa-worker-dlt");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()));
    }
}
