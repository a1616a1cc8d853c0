package io.gatekeep.desk.config;

import io.gatekeep.desk.tickets.Directory;
import io.gatekeep.desk.workflow.CancelTokens;
import io.gatekeep.desk.workflow.Cancellations;
import io.gatekeep.desk.workflow.DelayedReset;
import io.gatekeep.desk.workflow.DeskMail;
import io.gatekeep.desk.workflow.ResetRelease;
import io.gatekeep.desk.workflow.ResetSchedule;
import io.gatekeep.desk.workflow.StopAfterApproval;
import io.gatekeep.desk.workflow.Tickets;
import io.gatekeep.desk.workflow.Tokens;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The delayed reset: its schedule, the notices with cancel links, cancelling, and the release when it is due. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResetProperties.class)
class ResetConfiguration {

    @Bean
    ResetSchedule resetSchedule(JdbcTemplate jdbc) {
        return new ResetSchedule(jdbc);
    }

    @Bean
    CancelTokens cancelTokens(JdbcTemplate jdbc, Clock clock) {
        return new CancelTokens(jdbc, clock);
    }

    @Bean
    DelayedReset delayedReset(
            Tickets tickets,
            ResetSchedule schedule,
            CancelTokens cancelTokens,
            DeskMail mail,
            Directory directory,
            Clock clock,
            ResetProperties reset) {
        return new DelayedReset(
                tickets, schedule, cancelTokens, mail, directory, clock, reset.resetDelay(), reset.cancelBaseUrl());
    }

    @Bean
    Cancellations cancellations(
            TransactionTemplate transaction,
            Tickets tickets,
            ResetSchedule schedule,
            CancelTokens cancelTokens,
            Tokens tokens,
            DeskMail mail,
            Clock clock) {
        return new Cancellations(transaction, tickets, schedule, cancelTokens, tokens, mail, clock);
    }

    @Bean
    StopAfterApproval stopAfterApproval(Cancellations cancellations, SenderAuthenticationProperties auth) {
        return new StopAfterApproval(cancellations, WorkflowConfiguration.authentication(auth));
    }

    @Bean
    ResetRelease resetRelease(
            TransactionTemplate transaction,
            Tickets tickets,
            ResetSchedule schedule,
            CancelTokens cancelTokens,
            JdbcOutboxWriter outbox,
            Clock clock) {
        return new ResetRelease(transaction, tickets, schedule, cancelTokens, outbox, clock);
    }
}
