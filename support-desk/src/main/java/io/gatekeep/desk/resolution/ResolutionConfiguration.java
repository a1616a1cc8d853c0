package io.gatekeep.desk.resolution;

import io.gatekeep.desk.workflow.Resolutions;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.MalformedEventException;
import io.gatekeep.events.Topic;
import io.gatekeep.events.UnknownEventTypeException;
import io.gatekeep.outbox.EventsProperties;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class ResolutionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResolutionConfiguration.class);

    @Bean
    String recoveryTopic(EventsProperties events) {
        return Topic.RECOVERY.physicalName(events.topicPrefix());
    }

    @Bean
    ResetOutcomeListener resetOutcomeListener(EventCodec codec, JdbcTemplate jdbc, TransactionTemplate transaction,
                                              Resolutions resolutions, Clock clock) {
        return new ResetOutcomeListener(codec, jdbc, transaction, resolutions, clock);
    }

    /**
     * Picked up by Boot's listener container factory: a failing record is retried with backoff (the database may be
     * down), then published unchanged to {@code <topic>.dlt} with the reason logged; a record that can never be read
     * goes there at once. Never skipped silently.
     */
    @Bean
    DefaultErrorHandler resetOutcomeErrorHandler(KafkaTemplate<byte[], byte[]> deadLetterTemplate) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxAttempts(10);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.error("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    rootCause(exception));
            deadLetters.accept(record, exception);
        }, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, UnknownEventTypeException.class,
                IllegalArgumentException.class, NullPointerException.class, ClassCastException.class);
        return handler;
    }

    private static String rootCause(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Republishes the original bytes, whatever they are. */
    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "support-desk-dlt");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()));
    }
}
