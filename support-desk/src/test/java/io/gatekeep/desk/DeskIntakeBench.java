package io.gatekeep.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import io.gatekeep.desk.FakeDirectory.Person;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.mailbox.MailboxIntake;
import io.gatekeep.desk.mailbox.MailboxReader;
import io.gatekeep.desk.workflow.RecoveryThreads;
import io.gatekeep.testing.TestMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Desk intake benchmark (not part of the suite: the name matches no surefire pattern). Run with
 * {@code mvn -B -q -pl support-desk verify -Dtest=DeskIntakeBench -Dsurefire.failIfNoSpecifiedTests=false}; the
 * results are the log lines containing {@code BENCH} in
 * {@code support-desk/target/surefire-reports/*DeskIntakeBench-output.txt}.
 *
 * <p>The mix: 80 % MFA-reset requests from registered users with their owner in CC (directory lookups over HTTP, a
 * ticket, a confirmation request and a notice queued, events in the outbox), 10 % messages that are not requests,
 * 10 % out-of-office auto-replies. Two phases: (1) 5,000 such messages handed to the desk's intake from memory (all
 * of the desk's work except the IMAP transport); (2) 5,000 others waiting in the support mailbox before the desk's
 * IMAP reader starts (it is kept from starting with the context), read for at most two minutes. Reported:
 * messages/s to committed ({@code desk_message} rows) and the test JVM's peak heap. The JVM also holds the embedded
 * Kafka broker and GreenMail with the waiting messages, so the heap is an upper bound of the desk's.
 */
// 80 requests per owner: without a higher cap most would go to an agent and the confirmation path would go unmeasured
@TestPropertySource(
        properties = {
            "gatekeep.desk.mailbox.auto-startup=false",
            "gatekeep.desk.confirmations-per-owner-per-day=1000000"
        })
class DeskIntakeBench extends DeskIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(DeskIntakeBench.class);
    private static final int MESSAGES = 5_000;
    private static final int ORGANIZATIONS = 50;

    private static final int IMAP_SECONDS = 120;
    private static final List<Person> OWNERS = new ArrayList<>();
    private static final List<UUID> ORGS = new ArrayList<>();

    @Autowired
    MailboxReader reader;

    @Autowired
    MailboxIntake intake;

    @BeforeAll
    static void fillTheMailbox() throws Exception {
        for (int i = 0; i < ORGANIZATIONS; i++) {
            UUID organization = DIRECTORY.organization("Bench Org " + i);
            Person owner = DIRECTORY.person("Owner " + i);
            DIRECTORY.member(organization, owner, "OWNER", false);
            ORGS.add(organization);
            OWNERS.add(owner);
        }
        GreenMailUser support = TestMail.get().greenMail().setUser(SUPPORT, SUPPORT, SUPPORT);
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < MESSAGES; i++) {
            support.deliver(new MimeMessage(
                    session,
                    new ByteArrayInputStream(
                            message(i, ORGS, OWNERS).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static String message(int i, List<UUID> organizations, List<Person> owners) {
        String id = RecoveryThreads.randomId();
        if (i % 10 == 8) {
            return """
                    From: Someone %d <someone.%d@elsewhere.example>
                    To: %s
                    Subject: Question about invoices
                    Message-ID: <%s>
                    Content-Type: text/plain; charset=UTF-8

                    Hello, where can I download last month's invoice?
                    """.formatted(i, i, SUPPORT, id);
        }
        Person owner = owners.get(i % ORGANIZATIONS);
        if (i % 10 == 9) {
            return """
                    From: %s
                    To: %s
                    Subject: Out of office: MFA
                    Auto-Submitted: auto-replied
                    Message-ID: <%s>
                    Content-Type: text/plain; charset=UTF-8

                    I am out of the office until Monday.
                    """.formatted(owner.email(), SUPPORT, id);
        }
        Person requester = DIRECTORY.person("Requester " + i);
        DIRECTORY.member(organizations.get(i % ORGANIZATIONS), requester, "MEMBER", false);
        return RecoveryThreads.request(id, requester, SUPPORT, owner.name() + " <" + owner.email() + ">");
    }

    @Test
    void measure() throws Exception {
        assertThat(committed())
                .as("the reader must not have started with the context")
                .isZero();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();

        // 1. The desk's own work per message: the same intake (parse, directory over HTTP, one transaction with the
        //    ticket, outbox events and queued mail) fed from memory, one message after the other, so no mail server is
        // in the way.
        List<byte[]> inMemory = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            inMemory.add(message(i, ORGS, OWNERS).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        for (byte[] message : inMemory) {
            ParseOutcome outcome = intake.read(parser -> parser.parse(message)).orElseThrow();
            assertThat(intake.apply(outcome)).isTrue();
        }
        long elapsed = System.nanoTime() - start;
        log.info(String.format(
                "BENCH desk pipeline (intake fed from memory): %d messages committed in %.1f s = %.0f "
                        + "messages/s; peak heap of the test JVM (sum of heap pools' peaks) %d MB, max %d MB",
                MESSAGES, elapsed / 1e9, MESSAGES / (elapsed / 1e9), peak(heapPools), maxHeap()));
        inMemory.clear();

        // 2. From IMAP: the 5,000 messages waiting in the mailbox, read by the desk's real IMAP reader, for at most
        //    IMAP_SECONDS (the embedded mail server slows down with the folder's size, see bench/DESK.md).
        int before = committed();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        start = System.nanoTime();
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(IMAP_SECONDS))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> committed() - before >= MESSAGES);
        } catch (ConditionTimeoutException capped) {
            // the phase is capped: report how far it got
        }
        elapsed = System.nanoTime() - start;
        int done = committed() - before;
        reader.stop();
        log.info(String.format(
                "BENCH desk intake over IMAP (GreenMail): %d of %d waiting messages committed in %.1f s = "
                        + "%.1f messages/s; peak heap %d MB",
                done, MESSAGES, elapsed / 1e9, done / (elapsed / 1e9), peak(heapPools)));
        log.info(
                "BENCH outcome: {}",
                jdbc.queryForList("select status, count(*) as n from desk_ticket group by status order by status"));
    }

    private static long peak(List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    private static long maxHeap() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    private int committed() {
        return jdbc.queryForObject("select count(*) from desk_message where direction = 'IN'", Integer.class);
    }
}
