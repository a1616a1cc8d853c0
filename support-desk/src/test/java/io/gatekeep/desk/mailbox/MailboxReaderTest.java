package io.gatekeep.desk.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.intake.ParseLimits;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.mailbox.ImapMailbox.MailboxSettings;
import io.gatekeep.desk.mailbox.MailboxReader.Tuning;
import io.gatekeep.desk.mailbox.MailboxReader.WaitMode;
import io.gatekeep.desk.workflow.InboundMail.Result;
import io.gatekeep.testing.TestMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader against a real IMAP server (GreenMail): batches, flags, retries, order, large mail. */
class MailboxReaderTest {

    private static final TestMail MAIL = TestMail.get();

    private final String mailbox = "desk-" + UUID.randomUUID() + "@reader.test";
    private final GreenMailUser user = MAIL.greenMail().setUser(mailbox, mailbox, mailbox);
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final Set<String> refuseOnce = ConcurrentHashMap.newKeySet();
    private MailboxReader reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.stop();
        }
    }

    @Test
    void readsEveryWaitingMessageOnceAndFlagsItSeenAfterItsApplication() throws Exception {
        for (int i = 0; i < 25; i++) {
            deliver("sender" + i + "@acme.example", "m" + i, "hello");
        }

        start(WaitMode.IDLE, 10);

        await().atMost(Duration.ofSeconds(20)).until(() -> seenCount() == 25);
        assertThat(applied).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void wakesUpForMailArrivingWhileItWaitsInIdle() throws Exception {
        deliver("early@acme.example", "early", "hello");
        start(WaitMode.IDLE, 10, Duration.ofMinutes(5)); // no renewal during the test: only the wake-up can read it
        // once the first message is flagged, its round is over and the reader waits: the point is mail arriving then
        await().atMost(Duration.ofSeconds(10)).until(() -> seenCount() == 1);

        deliver("late@acme.example", "late", "hello");

        await().atMost(Duration.ofSeconds(10)).until(() -> applied.contains("late"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seenCount() == 2);
    }

    @Test
    void aMessageNotDoneWithStaysUnseenAndIsReadAgainNextRound() throws Exception {
        refuseOnce.add("flaky");
        deliver("a@acme.example", "flaky", "hello");
        deliver("b@acme.example", "fine", "hello");

        start(WaitMode.POLL, 10);

        await().atMost(Duration.ofSeconds(20)).until(() -> seenCount() == 2);
        assertThat(applied).containsOnlyOnce("fine");
        assertThat(Collections.frequency(applied, "flaky")).isEqualTo(2);
    }

    @Test
    void oneSendersMessagesAreAppliedInMailboxOrder() throws Exception {
        for (int i = 0; i < 30; i++) {
            deliver(i % 3 == 0 ? "same@acme.example" : "other" + i + "@acme.example", "s" + i, "hello");
        }

        start(WaitMode.POLL, 30);

        await().atMost(Duration.ofSeconds(20)).until(() -> seenCount() == 30);
        List<String> sameSender = applied.stream()
                .filter(id -> Integer.parseInt(id.substring(1)) % 3 == 0)
                .toList();
        assertThat(sameSender).containsExactly("s0", "s3", "s6", "s9", "s12", "s15", "s18", "s21", "s24", "s27");
    }

    @Test
    void opensAFreshConnectionNowAndThenAndReadsOnAcrossIt() throws Exception {
        for (int i = 0; i < 12; i++) {
            deliver("r" + i + "@acme.example", "r" + i, "hello");
        }
        start(WaitMode.IDLE, 4, Duration.ofMinutes(5), 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> seenCount() == 12);

        deliver("after@acme.example", "after", "hello"); // read by the connection opened after the first 12

        await().atMost(Duration.ofSeconds(20)).until(() -> seenCount() == 13);
        assertThat(applied).hasSize(13).doesNotHaveDuplicates();
    }

    @Test
    void aMessageOverTheInlineLimitIsReadOnItsOwn() throws Exception {
        String large = "x".repeat(100) + "\r\n";
        deliver("big@acme.example", "big", large.repeat(700)); // ~71 KB, over the 16 KiB limit of this test
        deliver("small@acme.example", "small", "hello");

        start(WaitMode.POLL, 10);

        await().atMost(Duration.ofSeconds(20)).until(() -> seenCount() == 2);
        assertThat(applied).containsExactlyInAnyOrder("big", "small");
    }

    private void start(WaitMode mode, int batchSize) {
        start(mode, batchSize, Duration.ofSeconds(2));
    }

    private void start(WaitMode mode, int batchSize, Duration idleRenewal) {
        start(mode, batchSize, idleRenewal, 10_000);
    }

    private void start(WaitMode mode, int batchSize, Duration idleRenewal, int reopenAfter) {
        Properties properties = new Properties();
        properties.put("mail.imap.peek", "true");
        MailboxSettings settings =
                new MailboxSettings("imap", "127.0.0.1", MAIL.imapPort(), mailbox, mailbox, "INBOX", properties);
        Function<ParseOutcome, Result> apply = outcome -> {
            String id = ((Parsed) outcome).message().messageId().orElseThrow().split("@")[0];
            applied.add(id);
            if (refuseOnce.remove(id)) {
                throw new IllegalStateException("fails the first time");
            }
            return Result.NEW_TICKET;
        };
        MailboxIntake intake = new MailboxIntake(new MessageParser(ParseLimits.defaults()), apply, 5);
        reader = new MailboxReader(
                settings,
                intake,
                new Tuning(mode, Duration.ofMillis(200), idleRenewal, batchSize, 4, 16 * 1024, 64 * 1024, reopenAfter));
        reader.start();
    }

    private void deliver(String from, String id, String body) throws Exception {
        String raw = """
                From: %s
                To: %s
                Subject: Please reset my MFA
                Message-ID: <%s@acme.example>
                Content-Type: text/plain; charset=UTF-8

                """.formatted(from, mailbox, id).replace("\n", "\r\n") + body;
        user.deliver(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private int seenCount() throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", MAIL.imapPort(), mailbox, mailbox);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int seen = 0;
            for (Message message : inbox.getMessages()) {
                seen += message.isSet(Flags.Flag.SEEN) ? 1 : 0;
            }
            inbox.close(false);
            return seen;
        }
    }
}
