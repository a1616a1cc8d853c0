package io.gatekeep.desk.agents;

import io.gatekeep.desk.workflow.AgentSupport;
import io.gatekeep.desk.workflow.DelayedReset;
import io.gatekeep.desk.workflow.DeskMail;
import io.gatekeep.desk.workflow.ResetSchedule;
import io.gatekeep.desk.workflow.Tickets;
import io.gatekeep.desk.workflow.Tokens;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class AgentApiConfiguration {

    @Bean
    TicketQueries ticketQueries(JdbcTemplate jdbc) {
        return new TicketQueries(jdbc);
    }

    @Bean
    AgentActions agentActions(
            TransactionTemplate transaction,
            Tickets tickets,
            Tokens tokens,
            DeskMail mail,
            JdbcOutboxWriter outbox,
            JdbcTemplate jdbc,
            Clock clock,
            DelayedReset delayedReset,
            ResetSchedule schedule) {
        return new AgentActions(
                transaction, tickets, new AgentSupport(tokens, mail), outbox, jdbc, clock, delayedReset, schedule);
    }
}
