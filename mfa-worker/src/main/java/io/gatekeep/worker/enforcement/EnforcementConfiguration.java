package io.gatekeep.worker.enforcement;

import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.mail.OutgoingEmails;
import io.gatekeep.worker.notifications.Directory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Enforcement settings are bound by the application's {@code @ConfigurationPropertiesScan}. */
@Configuration(proxyBeanMethods = false)
class EnforcementConfiguration {

    @Bean
    FanOutJob enforcementFanOutJob(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            OutgoingEmails emails,
            Clock clock,
            EnforcementSettings settings,
            WebProperties web) {
        EnforcementSettings.Notifications notifications = settings.notifications();
        return new FanOutJob(
                jdbc,
                new TransactionTemplate(transactionManager),
                emails,
                Pacer.perSecond(notifications.perSecond()),
                clock,
                notifications.effectiveBatchSize(),
                web.baseUrl());
    }

    @Bean
    FanOutRunner enforcementFanOutRunner(FanOutJob job, EnforcementSettings settings) {
        return new FanOutRunner(
                job, settings.fanOut().pollInterval(), settings.fanOut().enabled());
    }

    @Bean
    EnforcementFanOutHandler enforcementFanOutHandler(JdbcTemplate jdbc, Clock clock, FanOutRunner runner) {
        return new EnforcementFanOutHandler(jdbc, clock, runner);
    }

    @Bean
    EnforcementConfirmation enforcementConfirmation(JdbcTemplate jdbc, Directory directory, WebProperties web) {
        return new EnforcementConfirmation(jdbc, directory, web.baseUrl());
    }
}
