package io.gatekeep.worker.consuming;

import io.gatekeep.events.Topic;
import io.gatekeep.messaging.consuming.EventSubscription;
import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker reads every Gatekeep topic; the messaging module does the consuming itself. */
@Configuration(proxyBeanMethods = false)
class ConsumingConfiguration {

    @Bean
    EventSubscription workerSubscription(RetryProperties retry) {
        return new EventSubscription(
                "mfa-worker-events",
                EnumSet.allOf(Topic.class),
                new EventSubscription.Retry(retry.initialInterval(), retry.maxInterval(), retry.maxRetries()));
    }
}
