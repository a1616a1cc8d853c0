package io.gatekeep.worker.mail;

import io.gatekeep.outbox.Backoff;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued emails: a background loop claims a batch of due {@code PENDING} rows ({@code FOR UPDATE SKIP LOCKED},
 * then a short lease on {@code next_attempt_at}, so several worker instances never send the same row), sends the batch
 * over one SMTP connection, and marks the delivered rows {@code SENT} with their body and token-carrying headers erased.
 * A failed send keeps its row {@code PENDING} with a capped exponential backoff, so an email is retried until the server
 * takes it; only an email that can never be built (an invalid address) ends {@code FAILED}.
 *
 * <p>The one duplicate we cannot rule out: the process dies after the SMTP server accepted a message and before the
 * batch's rows were marked, so the rows are sent again when their lease ends. That retry carries the same Message-ID
 * (the row's, or derived from the row id), which lets mail clients and servers recognise and collapse the duplicate.
 */
@Component
public class EmailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final JavaMailSender sender;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MailSettings settings;
    private final Backoff backoff;
    private final String messageIdDomain;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    EmailDispatcher(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                    Clock clock, MailSettings settings) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.settings = settings;
        this.backoff = new Backoff(settings.dispatcher().initialBackoff(), settings.dispatcher().maxBackoff());
        this.messageIdDomain = domainOf(settings.from());
    }

    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            return address.substring(address.indexOf('@') + 1);
        } catch (MessagingException | RuntimeException e) {
            throw new IllegalArgumentException("gatekeep.mail.from is not an email address: " + from, e);
        }
    }

    record QueuedEmail(UUID id, String causeKey, String recipient, String subject, String body,
                               int attempts, String fromAddress, String replyTo, String messageId, String inReplyTo,
                               String references) {
    }

    private record Round(int claimed, int sent) {
    }

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
                jdbc.update("update outgoing_email set status = 'FAILED', attempts = attempts + 1, last_error = ? "
                        + "where id = ?", describe(e), email.id());
            }
        }
        Map<Object, Exception> failures = send(built.keySet());
        List<UUID> sent = new ArrayList<>();
        built.forEach((message, email) -> {
            Exception failure = failures.get(message);
            if (failure == null) {
                sent.add(email.id());
            } else {
                retryLater(email, failure);
            }
        });
        if (!sent.isEmpty()) {
            jdbc.update("""
                    update outgoing_email
                    set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null,
                        body = null, reply_to = null, message_id = null
                    where id = any(?)""", utc(clock.instant()), sent.toArray(UUID[]::new));
        }
        return new Round(claimed.size(), sent.size());
    }

    /** Locks up to one batch of due rows and leases them, so no other instance claims them while they are sent. */
    List<QueuedEmail> claimDue() {
        Instant now = clock.instant();
        return jdbc.query("""
                update outgoing_email set next_attempt_at = ?
                where id in (select id from outgoing_email
                             where status = 'PENDING' and next_attempt_at <= ?
                             order by next_attempt_at
                             limit ?
                             for update skip locked)
                returning id, cause_key, recipient, subject, body, attempts, from_address, reply_to, message_id,
                          in_reply_to, references_header
                """, (row, index) -> new QueuedEmail(row.getObject(1, UUID.class), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), row.getInt(6), row.getString(7),
                row.getString(8), row.getString(9), row.getString(10), row.getString(11)),
                utc(now.plus(settings.dispatcher().claimLease())), utc(now), settings.dispatcher().batchSize());
    }

    /** Sends over one connection; answers the messages that failed, each with its reason. */
    private Map<Object, Exception> send(Collection<MimeMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
            return Map.of();
        } catch (MailSendException e) {
            Map<Object, Exception> failed = e.getFailedMessages();
            return failed.isEmpty() ? allFailed(messages, e) : failed;
        } catch (MailException e) {
            return allFailed(messages, e);
        }
    }

    private static Map<Object, Exception> allFailed(Collection<MimeMessage> messages, Exception reason) {
        Map<Object, Exception> failed = new HashMap<>();
        messages.forEach(message -> failed.put(message, reason));
        return failed;
    }

    private void retryLater(QueuedEmail email, Exception failure) {
        Duration delay = backoff.delayAfter(email.attempts() + 1);
        log.warn("Sending email {} ({}) failed on attempt {}; retrying in {}: {}", email.id(), email.causeKey(),
                email.attempts() + 1, delay, describe(failure));
        jdbc.update("update outgoing_email set attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                + "where id = ?", utc(clock.instant().plus(delay)), describe(failure), email.id());
    }

    private MimeMessage message(QueuedEmail email) {
        try {
            String messageId = email.messageId() != null ? email.messageId()
                    : "<" + email.id() + "@" + messageIdDomain + ">";
            MimeMessage message = new StableIdMimeMessage(sender.createMimeMessage().getSession(), messageId);
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

    /** Asks the loop to look for due emails now. */
    public void wakeUp() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = dispatchBatch().claimed() >= settings.dispatcher().batchSize();
            } catch (RuntimeException e) {
                log.warn("Email dispatch round failed; retrying after {}", settings.dispatcher().pollInterval(), e);
            }
            if (!more) {
                pause();
            }
        }
    }

    private void pause() {
        synchronized (wakeUp) {
            long until = System.nanoTime() + settings.dispatcher().pollInterval().toNanos();
            while (running && !woken) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "email-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        wakeUp();
        if (stopping != null) {
            try {
                stopping.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.dispatcher().enabled();
    }
}
