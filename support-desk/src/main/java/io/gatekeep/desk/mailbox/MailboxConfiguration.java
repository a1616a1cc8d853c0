package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.config.DeskProperties;
import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.workflow.InboundMail;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.mail.dsl.Mail;
import org.springframework.integration.mail.inbound.ImapMailReceiver;

/**
 * The support mailbox over IMAP with Spring Integration Mail: IDLE when the server offers it (mode {@code auto} asks
 * the server at start-up), polling otherwise. The receiver neither marks nor deletes: it searches for messages not
 * {@code \Seen}, reads them with {@code BODY.PEEK}, and {@link MailboxIntake} flags each one seen only after its
 * transaction committed. Processed mail stays in the folder (flagged), so nothing is ever lost to the desk itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${gatekeep.desk.mailbox.mode:auto}' != 'off'")
class MailboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailboxConfiguration.class);

    @Bean
    MailboxIntake mailboxIntake(MessageParser parser, InboundMail inbound) {
        return new MailboxIntake(parser, inbound);
    }

    @Bean
    ImapMailReceiver supportMailboxReceiver(DeskProperties desk) {
        DeskProperties.Mailbox box = desk.mailbox();
        String protocol = box.ssl() ? "imaps" : box.protocol();
        String url = protocol + "://" + encode(box.username()) + ":" + encode(box.password()) + "@" + box.host() + ":"
                + box.port() + "/" + box.folder();
        ImapMailReceiver receiver = new ImapMailReceiver(url);
        receiver.setJavaMailProperties(mailProperties(protocol, box));
        receiver.setShouldMarkMessagesAsRead(false);
        receiver.setShouldDeleteMessages(false);
        receiver.setAutoCloseFolder(false);
        receiver.setMaxFetchSize(box.maxFetchSize());
        receiver.setCancelIdleInterval(box.idleRenewal().toSeconds());
        receiver.setSearchTermStrategy((supportedFlags, folder) -> new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        return receiver;
    }

    @Bean
    IntegrationFlow supportMailboxFlow(ImapMailReceiver receiver, MailboxIntake intake, DeskProperties desk) {
        DeskProperties.Mailbox box = desk.mailbox();
        boolean idle = switch (box.mode().toLowerCase(Locale.ROOT)) {
            case "idle" -> true;
            case "poll" -> false;
            default -> offersIdle(box);
        };
        log.info("Support mailbox {}@{}:{}/{}: {}", box.username(), box.host(), box.port(), box.folder(),
                idle ? "IMAP IDLE" : "polling every " + box.pollInterval());
        if (idle) {
            return IntegrationFlow.from(Mail.imapIdleAdapter(receiver))
                    .handle(MimeMessage.class, (message, headers) -> accept(intake, message)).get();
        }
        return IntegrationFlow.from(Mail.imapInboundAdapter(receiver),
                        endpoint -> endpoint.poller(Pollers.fixedDelay(box.pollInterval())))
                .handle(MimeMessage.class, (message, headers) -> accept(intake, message)).get();
    }

    /** The flow ends here: nothing is sent on. */
    private static Object accept(MailboxIntake intake, MimeMessage message) {
        intake.accept(message);
        return null;
    }

    private static boolean offersIdle(DeskProperties.Mailbox box) {
        String protocol = box.ssl() ? "imaps" : box.protocol();
        Session session = Session.getInstance(mailProperties(protocol, box));
        try (Store store = session.getStore(protocol)) {
            store.connect(box.host(), box.port(), box.username(), box.password());
            Object offered = store.getClass().getMethod("hasCapability", String.class).invoke(store, "IDLE");
            return Boolean.TRUE.equals(offered);
        } catch (Exception e) {
            log.warn("Could not ask the mailbox whether it offers IDLE ({}); polling", e.toString());
            return false;
        }
    }

    private static Properties mailProperties(String protocol, DeskProperties.Mailbox box) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".peek", "true");
        // A body is downloaded in chunks of this size. The default (16 KiB) means ~1,300 round trips for a 20 MB
        // message, and servers that rebuild the message per partial FETCH (GreenMail does) make that quadratic:
        // minutes per large message. 1 MiB keeps memory per round trip bounded and large mail to a few seconds.
        properties.put("mail." + protocol + ".fetchsize", String.valueOf(1024 * 1024));
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "60000");
        if (box.starttls()) {
            properties.put("mail." + protocol + ".starttls.enable", "true");
            properties.put("mail." + protocol + ".starttls.required", "true");
        }
        return properties;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
