package io.gatekeep.desk.resolution;

import io.gatekeep.desk.workflow.Resolutions;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.Topic;
import io.gatekeep.outbox.EventsProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ResolutionConfiguration {

    @Bean
    String recoveryTopic(EventsProperties events) {
        return Topic.RECOVERY.physicalName(events.topicPrefix());
    }

    @Bean
    ResetOutcomeListener resetOutcomeListener(EventCodec codec, JdbcTemplate jdbc, TransactionTemplate transaction,
                                              Resolutions resolutions, Clock clock) {
        return new ResetOutcomeListener(codec, jdbc, transaction, resolutions, clock);
    }
}
