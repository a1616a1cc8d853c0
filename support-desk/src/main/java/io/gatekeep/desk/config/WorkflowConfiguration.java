package io.gatekeep.desk.config;

import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.intake.ParseLimits;
import io.gatekeep.desk.intake.authresults.SenderAuthentication;
import io.gatekeep.desk.intake.automation.AutomatedMailClassifier;
import io.gatekeep.desk.tickets.ApproverEligibilityPolicy;
import io.gatekeep.desk.tickets.Directory;
import io.gatekeep.desk.tickets.RequestPolicy;
import io.gatekeep.desk.workflow.ConfirmationBudget;
import io.gatekeep.desk.workflow.DelayedReset;
import io.gatekeep.desk.workflow.DeskMail;
import io.gatekeep.desk.workflow.Expiry;
import io.gatekeep.desk.workflow.InboundMail;
import io.gatekeep.desk.workflow.Messages;
import io.gatekeep.desk.workflow.OwnerReplyFlow;
import io.gatekeep.desk.workflow.RequestFlow;
import io.gatekeep.desk.workflow.Resolutions;
import io.gatekeep.desk.workflow.StopAfterApproval;
import io.gatekeep.desk.workflow.Tickets;
import io.gatekeep.desk.workflow.Tokens;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the workflow explicitly: stores, mail, the two flows and the jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    DeskProperties.class,
    SenderAuthenticationProperties.class,
    ApproverRulesProperties.class
})
class WorkflowConfiguration {

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    Tickets tickets(JdbcTemplate jdbc, JdbcOutboxWriter outbox, Clock clock, DeskProperties desk) {
        return new Tickets(jdbc, outbox, clock, desk.ticketTtl());
    }

    @Bean
    Messages messages(JdbcTemplate jdbc, Clock clock) {
        return new Messages(jdbc, clock);
    }

    @Bean
    Tokens tokens(JdbcTemplate jdbc, Clock clock) {
        return new Tokens(jdbc, clock);
    }

    @Bean
    DeskMail deskMail(JdbcTemplate jdbc, Messages messages, Clock clock, DeskProperties desk) {
        return new DeskMail(
                jdbc,
                messages,
                clock,
                desk.supportAddress(),
                desk.effectiveMessageIdDomain(),
                desk.repliesPerSenderPerHour());
    }

    @Bean
    MessageParser messageParser(DeskProperties desk) {
        DeskProperties.Limits l = desk.limits();
        return new MessageParser(
                new ParseLimits(l.maxSizeBytes(), l.maxParts(), l.maxDepth(), l.maxHeaders(), l.maxBodyChars()));
    }

    @Bean
    ConfirmationBudget confirmationBudget(JdbcTemplate jdbc, Clock clock, ApproverRulesProperties rules) {
        return new ConfirmationBudget(jdbc, clock, rules.confirmationsPerOwnerPerDay());
    }

    @Bean
    RequestFlow requestFlow(
            Tickets tickets,
            Messages messages,
            Tokens tokens,
            DeskMail mail,
            Directory directory,
            DeskProperties desk,
            ApproverRulesProperties rules,
            SenderAuthenticationProperties auth,
            ConfirmationBudget budget,
            StopAfterApproval stopAfterApproval,
            Clock clock) {
        RequestPolicy policy =
                new RequestPolicy(directory, new ApproverEligibilityPolicy(rules.minMembershipAge()), clock);
        return new RequestFlow(
                tickets,
                messages,
                tokens,
                mail,
                policy,
                desk.supportAddress(),
                authentication(auth),
                budget,
                stopAfterApproval);
    }

    /** Requests, owner replies and STOP after approval are authenticated alike: all or none. */
    static Optional<SenderAuthentication> authentication(SenderAuthenticationProperties auth) {
        return auth.requireAuthenticatedSender()
                ? Optional.of(new SenderAuthentication(auth.trustedAuthservId()))
                : Optional.empty();
    }

    @Bean
    OwnerReplyFlow ownerReplyFlow(
            Tickets tickets,
            Messages messages,
            Tokens tokens,
            DeskMail mail,
            JdbcOutboxWriter outbox,
            SenderAuthenticationProperties auth,
            Clock clock,
            DelayedReset delayedReset) {
        return new OwnerReplyFlow(tickets, messages, tokens, mail, outbox, authentication(auth), clock, delayedReset);
    }

    @Bean
    InboundMail inboundMail(
            TransactionTemplate transaction,
            Tickets tickets,
            Messages messages,
            DeskProperties desk,
            RequestFlow requests,
            OwnerReplyFlow ownerReplies) {
        AutomatedMailClassifier classifier =
                new AutomatedMailClassifier(Set.of(desk.supportAddress()), Set.of(desk.effectiveMessageIdDomain()));
        return new InboundMail(
                transaction, tickets, messages, classifier, desk.supportAddress(), requests, ownerReplies);
    }

    @Bean
    Resolutions resolutions(Tickets tickets, DeskMail mail) {
        return new Resolutions(tickets, mail);
    }

    @Bean
    Expiry expiry(TransactionTemplate transaction, Tickets tickets, Tokens tokens, DeskMail mail) {
        return new Expiry(transaction, tickets, tokens, mail);
    }
}
