package io.gatekeep.worker.mfa;

import io.gatekeep.outbox.JdbcOutboxWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Setup sweep and support reset; {@link SetupSweepProperties} and {@link SupportResetProperties} are bound by the
 * application's properties scan.
 */
@Configuration(proxyBeanMethods = false)
class MfaWorkerConfiguration {

    @Bean
    SetupSweep setupSweep(
            JdbcTemplate jdbc,
            JdbcOutboxWriter outbox,
            PlatformTransactionManager transactionManager,
            Clock clock,
            SetupSweepProperties properties) {
        return new SetupSweep(jdbc, outbox, new TransactionTemplate(transactionManager), clock, properties.batchSize());
    }

    @Bean
    SetupSweepLoop setupSweepLoop(SetupSweep sweep, SetupSweepProperties properties) {
        return new SetupSweepLoop(sweep, properties);
    }

    @Bean
    SupportResetHandler supportResetHandler(
            JdbcTemplate jdbc, JdbcOutboxWriter outbox, Clock clock, SupportResetProperties properties) {
        return new SupportResetHandler(jdbc, outbox, clock, new ResetRecheck(jdbc, properties.minMembershipAge()));
    }
}
