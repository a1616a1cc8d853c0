package io.gatekeep.desk.mailbox;

import io.gatekeep.desk.config.DeskProperties;
import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.mailbox.ImapMailbox.MailboxSettings;
import io.gatekeep.desk.mailbox.MailboxReader.Tuning;
import io.gatekeep.desk.mailbox.MailboxReader.WaitMode;
import io.gatekeep.desk.workflow.InboundMail;
import java.util.Locale;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The support mailbox over IMAP (Jakarta Mail, Angus): {@link MailboxReader} reads it in batches and hands each
 * message to {@link MailboxIntake}. Mode {@code auto} uses IMAP IDLE when the server offers it, polling otherwise;
 * {@code off} reads no mailbox (messages then come only through tests or other adapters).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${gatekeep.desk.mailbox.mode:auto}' != 'off'")
class MailboxConfiguration {

    /** Messages up to this size are fetched together with their batch; larger ones one by one, in 1 MiB chunks. */
    private static final long INLINE_LIMIT_BYTES = 256 * 1024;
    /** Raw bytes fetched by one batch command at most (bounds the heap a round needs). */
    private static final long BATCH_BYTES = 8 * 1024 * 1024;
    /** Angus Mail keeps a message object per message a connection touched: a fresh one now and then bounds that. */
    private static final int REOPEN_AFTER_MESSAGES = 10_000;

    @Bean
    MailboxIntake mailboxIntake(MessageParser parser, InboundMail inbound) {
        return new MailboxIntake(parser, inbound);
    }

    @Bean
    MailboxReader supportMailboxReader(
            DeskProperties desk,
            MailboxIntake intake,
            @Value("${gatekeep.desk.mailbox.auto-startup:true}") boolean autoStartup) {
        DeskProperties.Mailbox box = desk.mailbox();
        String protocol = box.ssl() ? "imaps" : box.protocol();
        MailboxSettings settings = new MailboxSettings(
                protocol,
                box.host(),
                box.port(),
                box.username(),
                box.password(),
                box.folder(),
                mailProperties(protocol, box));
        WaitMode mode = WaitMode.valueOf(box.mode().toUpperCase(Locale.ROOT));
        MailboxReader reader = new MailboxReader(
                settings,
                intake,
                new Tuning(
                        mode,
                        box.pollInterval(),
                        box.idleRenewal(),
                        box.maxFetchSize(),
                        box.workers(),
                        INLINE_LIMIT_BYTES,
                        BATCH_BYTES,
                        REOPEN_AFTER_MESSAGES));
        reader.setAutoStartup(autoStartup);
        return reader;
    }

    private static Properties mailProperties(String protocol, DeskProperties.Mailbox box) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".peek", "true");
        // A large body is downloaded in chunks of this size. The default (16 KiB) means ~1,300 round trips for a 20 MB
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
}
