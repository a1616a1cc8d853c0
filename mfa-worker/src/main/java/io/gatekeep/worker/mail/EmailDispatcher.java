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
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued emails: a background loop claims due {@code PENDING} rows one transaction each
 * ({@code FOR UPDATE SKIP LOCKED}, so several worker instances never send the same row), sends over SMTP, and marks the
 * row {@code SENT} with its body erased. A failed send keeps the row {@code PENDING} with a capped exponential
 * backoff, so an email is retried until the server takes it; only an email that can never be built (an invalid
 * address) ends {@code FAILED}.
 *
 * <p>The one duplicate we cannot rule out: the process dies after the SMTP server accepted the message and before the
 * row's commit, so the next attempt sends it again. That retry carries the same Message-ID (derived from the row id),
 * which lets mail clients and servers recognise and collapse the duplicate.
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

    private record QueuedEmail(UUID id, String causeKey, String recipient, String subject, String body,
                               int attempts) {
    }

    /** Sends what is due now, up to one batch; returns how many emails were sent. */
    public int dispatchDue() {
        int sent = 0;
        for (int i = 0; i < settings.dispatcher().batchSize(); i++) {
            Boolean outcome = transaction.execute(status -> sendNextDue());
            if (outcome == null) {
                break;
            }
            sent += outcome ? 1 : 0;
        }
        return sent;
    }

    /** Null when nothing is due; else whether the claimed email was sent. */
    private Boolean sendNextDue() {
        List<QueuedEmail> due = jdbc.query("""
                select id, cause_key, recipient, subject, body, attempts from outgoing_email
                where status = 'PENDING' and next_attempt_at <= ?
                order by next_attempt_at
                limit 1
                for update skip locked
                """, (row, index) -> new QueuedEmail(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getInt(6)), utc(clock.instant()));
        if (due.isEmpty()) {
            return null;
        }
        QueuedEmail email = due.get(0);
        try {
            sender.send(message(email));
            jdbc.update("update outgoing_email set status = 'SENT', sent_at = ?, body = null, attempts = attempts + 1, "
                    + "last_error = null where id = ?", utc(clock.instant()), email.id());
            return true;
        } catch (MailParseException | MailPreparationException e) {
            log.error("Email {} ({}) can never be sent, set FAILED: {}", email.id(), email.causeKey(), describe(e));
            jdbc.update("update outgoing_email set status = 'FAILED', attempts = attempts + 1, last_error = ? "
                    + "where id = ?", describe(e), email.id());
            return false;
        } catch (MailException e) {
            Duration delay = backoff.delayAfter(email.attempts() + 1);
            log.warn("Sending email {} ({}) failed on attempt {}; retrying in {}: {}", email.id(), email.causeKey(),
                    email.attempts() + 1, delay, describe(e));
            jdbc.update("update outgoing_email set attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                    + "where id = ?", utc(clock.instant().plus(delay)), describe(e), email.id());
            return false;
        }
    }

    private MimeMessage message(QueuedEmail email) {
        try {
            MimeMessage message = new StableIdMimeMessage(sender.createMimeMessage().getSession(),
                    "<" + email.id() + "@" + messageIdDomain + ">");
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(email.recipient());
            helper.setSubject(email.subject());
            helper.setText(email.body() == null ? "" : email.body(), false);
            helper.setSentDate(Date.from(clock.instant()));
            // Tell auto-responders (out-of-office, vacation) not to answer a machine.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
            return message;
        } catch (MessagingException e) {
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
                more = dispatchDue() >= settings.dispatcher().batchSize();
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
