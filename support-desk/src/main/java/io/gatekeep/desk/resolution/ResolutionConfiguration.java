package io.gatekeep.desk.resolution;

import io.gatekeep.desk.workflow.Resolutions;
import io.gatekeep.events.Topic;
import io.gatekeep.messaging.consuming.EventSubscription;
import java.time.Duration;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The desk reads the {@code recovery} topic for the outcome of its resets; the messaging module does the consuming.
 * A failing outcome is retried with backoff (the database may be down: 500 ms doubling up to 30 s, 10 retries, about
 * two and a half minutes), then published unchanged to {@code recovery.dlt} with the reason logged; a record that can
 * never be read goes there at once. Never skipped silently.
 */
@Configuration(proxyBeanMethods = false)
class ResolutionConfiguration {

    @Bean
    EventSubscription resetOutcomeSubscription() {
        return new EventSubscription(
                "support-desk-reset-outcomes",
                Set.of(Topic.RECOVERY),
                new EventSubscription.Retry(Duration.ofMillis(500), Duration.ofSeconds(30), 10));
    }

    @Bean
    ResetOutcomeHandler resetOutcomeHandler(Resolutions resolutions) {
        return new ResetOutcomeHandler(resolutions);
    }
}
