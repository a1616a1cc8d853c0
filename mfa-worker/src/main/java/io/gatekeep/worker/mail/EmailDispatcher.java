package io.gatekeep.worker.mail;

import io.gatekeep.messaging.background.RoundLoop;
import io.gatekeep.outbox.Backoff;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued emails: background loops ({@code gatekeep.mail.dispatcher.threads}) each claim a batch of due
 * {@code PENDING} rows ({@code FOR UPDATE SKIP LOCKED}, then a short lease on {@code next_attempt_at}, so several loops
 * and worker instances never send the same row), send the batch over one SMTP connection, and mark each email
 * {@code SENT} (body and token-carrying headers erased) as soon as the server accepted it. A failed send keeps its row
 * {@code PENDING} with a capped exponential backoff, so an email is retried until the server takes it; only an email
 * that can never be built (an invalid address) ends {@code FAILED}.
 *
 * <p>The one duplicate we cannot rule out: the process dies in the instant between the SMTP server accepting a message
 * and its row being marked (one single-row update), so that one email is sent again when its lease ends. The retry
 * carries the same Message-ID (the row's, or derived from the row id), which lets mail clients and servers recognise
 * and collapse the duplicate. Marking per email rather than per batch keeps that window to one message per loop.
 */
@Component
public class EmailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final JavaMailSenderImpl sender;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MailSettings settings;
    private final Backoff backoff;
    private final String messageIdDomain;
    private final RoundLoop loop;

    EmailDispatcher(
            JavaMailSenderImpl sender,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            Clock clock,
            MailSettings settings) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.settings = settings;
        this.backoff = new Backoff(
                settings.dispatcher().initialBackoff(), settings.dispatcher().maxBackoff());
        this.messageIdDomain = domainOf(settings.from());
        MailSettings.Dispatcher dispatcher = settings.dispatcher();
        // no interrupt on stop: it could fall between an email's acceptance and its mark
        this.loop = new RoundLoop(
                "email-dispatcher",
                dispatcher.threads(),
                dispatcher.pollInterval(),
                dispatcher.enabled(),
                false,
                () -> dispatchBatch().claimed() >= dispatcher.batchSize(),
                this::loadMailProviders);
    }

    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            return address.substring(address.indexOf('@') + 1);
        } catch (MessagingException | RuntimeException e) {
            throw new IllegalArgumentException("gatekeep.mail.from is not an email address: " + from, e);
        }
    }

    record QueuedEmail(
            UUID id,
            String causeKey,
            String recipient,
            String subject,
            String body,
            int attempts,
            String fromAddress,
            String replyTo,
            String messageId,
            String inReplyTo,
            String references) {}

    private record Round(int claimed, int sent) {}

    /** Sends what is due now, up to one batch; returns how many emails were sent. */
    public int dispatchDue() {
        return dispatchBatch().sent();
    }

    private Round dispatchBatch() {
        List<QueuedEmail> claimed = transaction.execute(status -> claimDue());
        if (claimed == null || claimed.isEmpty()) {
            return new Round(0, 0);
        }
        Map<MimeMessage, QueuedEmail> built = new LinkedHashMap<>();
        for (QueuedEmail email : claimed) {
            try {
                built.put(message(email), email);
            } catch (MailParseException e) {
                log.error("Email {} ({}) can never be sent, set FAILED: {}", email.id(), email.causeKey(), describe(e));
                jdbc.update(
                        "update outgoing_email set status = 'FAILED', attempts = attempts + 1, last_error = ? "
                                + "where id = ?",
                        describe(e),
                        email.id());
            }
        }
        int sent = sendAndMark(built);
        return new Round(claimed.size(), sent);
    }

    /** Locks up to one batch of due rows and leases them, so no other instance claims them while they are sent. */
    List<QueuedEmail> claimDue() {
        Instant now = clock.instant();
        return jdbc.query(
                """
                update outgoing_email set next_attempt_at = ?
                where id in (select id from outgoing_email
                             where status = 'PENDING' and next_attempt_at <= ?
                             order by next_attempt_at
                             limit ?
                             for update skip locked)
                returning id, cause_key, recipient, subject, body, attempts, from_address, reply_to, message_id,
                          in_reply_to, references_header
                """,
                (row, index) -> new QueuedEmail(
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getInt(6),
                        row.getString(7),
                        row.getString(8),
                        row.getString(9),
                        row.getString(10),
                        row.getString(11)),
                utc(now.plus(settings.dispatcher().claimLease())),
                utc(now),
                settings.dispatcher().batchSize());
    }

    /**
     * Sends the batch over one connection, marking each email {@code SENT} right after the server accepted it. An
     * email the server refuses is retried later; when the connection itself fails, so is the rest of the batch.
     */
    private int sendAndMark(Map<MimeMessage, QueuedEmail> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Map.Entry<MimeMessage, QueuedEmail>> emails = List.copyOf(batch.entrySet());
        int next = 0;
        int sent = 0;
        Exception lost = new MessagingException("the SMTP connection was lost");
        try (Transport transport = connect()) {
            while (next < emails.size()) {
                MimeMessage message = emails.get(next).getKey();
                QueuedEmail email = emails.get(next++).getValue();
                try {
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                } catch (MessagingException e) {
                    retryLater(email, e);
                    if (transport.isConnected()) {
                        continue;
                    }
                    break;
                } catch (RuntimeException e) {
                    // the message could not be written: the connection is in an unknown state, so this batch stops
                    retryLater(email, e);
                    break;
                }
                markSent(email);
                sent++;
            }
        } catch (MessagingException e) {
            lost = e; // connecting failed, or the connection broke: whatever was not sent yet is retried later
        }
        Exception reason = lost;
        emails.subList(next, emails.size()).forEach(rest -> retryLater(rest.getValue(), reason));
        return sent;
    }

    private Transport connect() throws MessagingException {
        Transport transport =
                sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
        transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        return transport;
    }

    private void markSent(QueuedEmail email) {
        jdbc.update("""
                update outgoing_email
                set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null,
                    body = null, reply_to = null, message_id = null
                where id = ?""", utc(clock.instant()), email.id());
    }

    private void retryLater(QueuedEmail email, Exception failure) {
        Duration delay = backoff.delayAfter(email.attempts() + 1);
        log.warn(
                "Sending email {} ({}) failed on attempt {}; retrying in {}: {}",
                email.id(),
                email.causeKey(),
                email.attempts() + 1,
                delay,
                describe(failure));
        jdbc.update(
                "update outgoing_email set attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                        + "where id = ?",
                utc(clock.instant().plus(delay)),
                describe(failure),
                email.id());
    }

    private MimeMessage message(QueuedEmail email) {
        try {
            String messageId =
                    email.messageId() != null ? email.messageId() : "<" + email.id() + "@" + messageIdDomain + ">";
            MimeMessage message = new StableIdMimeMessage(sender.getSession(), messageId);
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(email.fromAddress() != null ? email.fromAddress() : settings.from());
            helper.setTo(email.recipient());
            if (email.replyTo() != null) {
                helper.setReplyTo(email.replyTo());
            }
            helper.setSubject(email.subject());
            helper.setText(email.body() == null ? "" : email.body(), false);
            helper.setSentDate(Date.from(clock.instant()));
            if (email.inReplyTo() != null) {
                message.setHeader("In-Reply-To", email.inReplyTo());
            }
            if (email.references() != null) {
                message.setHeader("References", email.references());
            }
            // Tell auto-responders (out-of-office, vacation) not to answer a machine.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
            return message;
        } catch (MessagingException | RuntimeException e) {
            throw new MailParseException(e);
        }
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Asks a sleeping loop to look for due emails now. */
    public void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        loop.start();
    }

    /**
     * Writes one message nowhere, so that Jakarta Mail looks up its providers (through {@code ServiceLoader}) on this
     * thread. Done by the loops at once on their first message, that lookup can fail inside an executable jar (Spring
     * Boot's nested-jar loader, spring-projects/spring-boot#50925: "zip file is empty"), as the fan-out benchmark saw.
     */
    private void loadMailProviders() {
        try {
            MimeMessage probe = new MimeMessage(sender.getSession());
            probe.setText("");
            probe.writeTo(OutputStream.nullOutputStream());
        } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("Could not load the mail providers ahead of sending: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return loop.isAutoStartup();
    }
}
