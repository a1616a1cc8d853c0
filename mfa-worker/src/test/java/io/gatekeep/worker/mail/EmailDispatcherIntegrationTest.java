package io.gatekeep.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.worker.WorkerIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
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

        drainEarlierTests();
        assertThat(mailTo(recipient)).as("not due before its backoff").isEmpty();
        clock.advance(settings.dispatcher().initialBackoff());
        drainEarlierTests();

        assertThat(mailTo(recipient)).hasSize(1);
        assertThat(jdbc.queryForMap("select status, body from outgoing_email where cause_key = ?", cause))
                .containsEntry("status", "SENT")
                .containsEntry("body", null);
    }

    @Test
    void sendsQueuedEmailsInBatchesOfTheConfiguredSize() {
        String recipient = "batch-" + UUID.randomUUID() + "@example.test";
        int queued = settings.dispatcher().batchSize() + 7;
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < queued; i++) {
                outgoing.enqueue("test:" + UUID.randomUUID(), recipient, "Batch " + i, "Body " + i);
            }
        });
        drainEarlierTests();

        assertThat(mailTo(recipient)).hasSize(queued);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_email where recipient = ? and status = 'SENT'",
                        Integer.class,
                        recipient))
                .isEqualTo(queued);
    }

    @Test
    void usesTheRowsThreadingHeadersAndErasesTheTokenCarryingOnesOnceSent() throws Exception {
        String recipient = "owner-" + UUID.randomUUID() + "@example.test";
        String cause = "desk:" + UUID.randomUUID() + ":confirmation";
        jdbc.update("""
                insert into outgoing_email (id, cause_key, recipient, subject, body, status, attempts, next_attempt_at,
                                            created_at, from_address, reply_to, message_id, in_reply_to,
                                            references_header)
                values (?, ?, ?, '[MFA-7Q4K2] Confirm', 'Reply approve', 'PENDING', 0, now(), now(),
                        'Support <support@example.test>', 'support+tok3n@example.test', '<tok3n@desk.example.test>',
                        '<original@example.test>', '<original@example.test>')""", UUID.randomUUID(), cause, recipient);

        drainEarlierTests();

        assertThat(mailTo(recipient)).singleElement().satisfies(message -> {
            assertThat(message.getHeader("Message-ID", null)).isEqualTo("<tok3n@desk.example.test>");
            assertThat(message.getHeader("Reply-To", null)).isEqualTo("support+tok3n@example.test");
            assertThat(message.getHeader("From", null)).isEqualTo("Support <support@example.test>");
            assertThat(message.getHeader("In-Reply-To", null)).isEqualTo("<original@example.test>");
            assertThat(message.getHeader("References", null)).isEqualTo("<original@example.test>");
            assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        });
        assertThat(jdbc.queryForMap("select body, reply_to, message_id from outgoing_email where cause_key = ?", cause))
                .containsEntry("body", null)
                .containsEntry("reply_to", null)
                .containsEntry("message_id", null);
    }

    @Test
    void aBatchClaimedByAnotherInstanceIsLeftAloneUntilItsLeaseEnds() {
        String recipient = "lease-" + UUID.randomUUID() + "@example.test";
        transaction.executeWithoutResult(status ->
                outgoing.enqueue("test:" + UUID.randomUUID(), recipient, "Leased", "Claimed by an instance that died"));
        drainEarlierTests();
        transaction.executeWithoutResult(status ->
                outgoing.enqueue("test:" + UUID.randomUUID(), recipient, "Leased 2", "Claimed, then the sender died"));
        List<EmailDispatcher.QueuedEmail> claimed = transaction.execute(status -> dispatcher.claimDue());
        assertThat(claimed).hasSize(1);

        drainEarlierTests();
        assertThat(mailTo(recipient))
                .as("the second is leased to the instance that died")
                .hasSize(1);
        clock.advance(settings.dispatcher().claimLease());
        drainEarlierTests();
        assertThat(mailTo(recipient)).hasSize(2);
    }

    private void drainEarlierTests() {
        while (dispatcher.dispatchDue() > 0) {
            // rows queued by other tests in this database go out too
        }
    }

    @Test
    void backgroundLoopSendsWhatIsQueued() {
        String recipient = "loop-" + UUID.randomUUID() + "@example.test";
        dispatcher.start();
        try {
            transaction.executeWithoutResult(
                    status -> outgoing.enqueue("test:" + UUID.randomUUID(), recipient, "Loop", "Sent by the loop"));
            await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(recipient).size() == 1);
        } finally {
            dispatcher.stop();
        }
    }

    @Test
    void severalLoopsSendEveryQueuedEmailExactlyOnce() {
        assertThat(settings.dispatcher().threads()).isGreaterThan(1);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int queued = settings.dispatcher().batchSize() * 6 + 3;
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < queued; i++) {
                outgoing.enqueue("test:" + run + ":" + i, "loops-" + run + "-" + i + "@example.test", "Hi", "Body");
            }
        });

        dispatcher.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from outgoing_email where cause_key like ? and status = 'SENT'",
                                    Integer.class,
                                    "test:" + run + ":%")
                            == queued);
        } finally {
            dispatcher.stop();
        }

        for (int i = 0; i < queued; i++) {
            assertThat(mailTo("loops-" + run + "-" + i + "@example.test"))
                    .as("recipient %d", i)
                    .hasSize(1);
        }
    }

    private JavaMailSenderImpl unreachableSmtp() throws IOException {
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
