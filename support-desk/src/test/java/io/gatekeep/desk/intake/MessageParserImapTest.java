package io.gatekeep.desk.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import io.gatekeep.testing.TestMail;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The parser reads messages as IMAP hands them over, through a real SMTP and IMAP server (GreenMail). */
class MessageParserImapTest {

    private final TestMail mail = TestMail.get();
    private final Session session = Session.getInstance(new Properties());
    private final String mailbox = "intake-" + UUID.randomUUID() + "@desk.gatekeep.test";

    @Test
    void parsesMessagesFetchedOverImapAndRejectsOversizedOnesByTheirReportedSize() throws Exception {
        deliver(SampleMail.gmailReplyApproving());
        deliver(SampleMail.message(
                "Message-ID: <big@acme.example>\nFrom: max@acme.example\nSubject: logs",
                "x".repeat(76).concat("\n").repeat(3000)));
        MessageParser parser = new MessageParser(ParseLimits.defaults().withMaxSizeBytes(64 * 1024));

        List<ParseOutcome> outcomes = new ArrayList<>();
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", mail.imapPort(), mailbox, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.getMessageCount() == 2);
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                outcomes.add(parser.parse((MimeMessage) message));
            }
            inbox.close(false);
        } finally {
            store.close();
        }

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(Parsed.class, parsed -> {
            assertThat(parsed.message().messageId()).contains("CAHk9x=q2VbE4nLx0r7Zt1m3e8QJp5sWd@mail.gmail.com");
            assertThat(parsed.message().plainText()).get().asString().startsWith("Yes, approve.");
            assertThat(parsed.message().references()).containsExactly(SampleMail.CONFIRMATION_ID);
        });
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
            assertThat(rejected.dedupeKey().asString()).isEqualTo("mid:big@acme.example");
            assertThat(rejected.partial().subject()).contains("logs");
        });
    }

    @Test
    void rejectsAnOversizedMessageWithoutMessageIdFromItsHeadWithTheSameKeyEachTimeItIsRead() throws Exception {
        deliver(SampleMail.message(
                "From: max@acme.example\nSubject: no id, big",
                "x".repeat(76).concat("\n").repeat(2 * 1024 * 1024 / 77)));
        MessageParser parser = new MessageParser(ParseLimits.defaults().withMaxSizeBytes(64 * 1024));
        Properties properties = new Properties();
        properties.put("mail.imap.fetchsize", String.valueOf(256 * 1024));

        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", mail.imapPort(), mailbox, "any");
        List<ParseOutcome> outcomes = new ArrayList<>();
        try {
            Folder inbox = store.getFolder("INBOX");
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.getMessageCount() == 1);
            inbox.open(Folder.READ_ONLY);
            outcomes.add(parser.parse((MimeMessage) inbox.getMessage(1)));
            // the connection is still in step after the download was cut short: read again, on a fresh object
            inbox.close(false);
            inbox.open(Folder.READ_ONLY);
            outcomes.add(parser.parse((MimeMessage) inbox.getMessage(1)));
            inbox.close(false);
        } finally {
            store.close();
        }

        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(rejected.sizeBytes()).isGreaterThan(2_000_000);
                    assertThat(rejected.partial().subject()).contains("no id, big");
                    assertThat(rejected.dedupeKey().kind()).isEqualTo(DedupeKey.Kind.CONTENT_SHA256);
                }));
        assertThat(((Rejected) outcomes.get(1)).dedupeKey()).isEqualTo(((Rejected) outcomes.get(0)).dedupeKey());
    }

    /** Sends the bytes as they are: {@code Transport.sendMessage} does not rewrite the Message-ID. */
    private void deliver(byte[] raw) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        Session smtp = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(smtp, new ByteArrayInputStream(raw));
        try (Transport transport = smtp.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(mailbox)});
        }
    }
}
