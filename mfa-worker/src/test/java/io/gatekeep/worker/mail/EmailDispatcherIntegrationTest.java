package io.gatekeep.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.worker.WorkerIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

class EmailDispatcherIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    OutgoingEmails outgoing;
    @Autowired
    EmailDispatcher dispatcher;
    @Autowired
    JavaMailSender mailSender;
    @Autowired
    MailSettings settings;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void queuesOneEmailPerCause() {
        String cause = "test:" + UUID.randomUUID();
        Boolean first = transaction.execute(status -> outgoing.enqueue(cause, "a@example.test", "One", "first"));
        Boolean second = transaction.execute(status -> outgoing.enqueue(cause, "a@example.test", "Two", "second"));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(jdbc.queryForObject("select subject from outgoing_email where cause_key = ?", String.class, cause))
                .isEqualTo("One");
    }

    @Test
    void failedSendIsRetriedAfterItsBackoffAndDeliveredOnce() throws Exception {
        String recipient = "retry-" + UUID.randomUUID() + "@example.test";
        String cause = "test:" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> outgoing.enqueue(cause, recipient, "Hello", "Body"));

        EmailDispatcher smtpDown = new EmailDispatcher(unreachableSmtp(), jdbc, transactionManager, clock, settings);
        assertThat(smtpDown.dispatchDue()).isZero();

        Map<String, Object> row = jdbc.queryForMap(
                "select status, attempts, last_error, body from outgoing_email where cause_key = ?", cause);
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).isNotBlank();
        assertThat(row.get("body")).isEqualTo("Body");

        assertThat(dispatcher.dispatchDue()).as("not due before its backoff").isZero();
        clock.advance(settings.dispatcher().initialBackoff());
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(mailTo(recipient)).hasSize(1);
        assertThat(jdbc.queryForMap("select status, body from outgoing_email where cause_key = ?", cause))
                .containsEntry("status", "SENT").containsEntry("body", null);
    }

    @Test
    void backgroundLoopSendsWhatIsQueued() {
        String recipient = "loop-" + UUID.randomUUID() + "@example.test";
        dispatcher.start();
        try {
            transaction.executeWithoutResult(status ->
                    outgoing.enqueue("test:" + UUID.randomUUID(), recipient, "Loop", "Sent by the loop"));
            await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(recipient).size() == 1);
        } finally {
            dispatcher.stop();
        }
    }

    private JavaMailSender unreachableSmtp() throws IOException {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        try (ServerSocket socket = new ServerSocket(0)) {
            sender.setPort(socket.getLocalPort());
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "500");
        sender.setJavaMailProperties(properties);
        assertThat(mailSender).isNotSameAs(sender);
        return sender;
    }
}
