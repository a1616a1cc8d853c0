package io.gatekeep.worker.enforcement;

import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.testing.LargeOrganization;
import io.gatekeep.testing.TestMail;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import io.gatekeep.worker.mail.MailSettings;
import io.gatekeep.worker.mail.OutgoingEmails;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforcement fan-out benchmark (not part of the suite: the name matches no surefire pattern). Run with
 * {@code mvn -B -q -pl mfa-schema,mfa-worker verify -Dtest=EnforcementFanOutBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * 100,000 members, half without MFA; unthrottled fan-out in batches of 500, stopped halfway and resumed by a new job,
 * then delivered to the embedded mail server by the worker's email dispatcher (its default loops).
 */
class EnforcementFanOutBench extends WorkerIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(EnforcementFanOutBench.class);

    @Autowired
    EmailDispatcher dispatcher;

    @Autowired
    OutgoingEmails outgoing;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MailSettings settings;

    @Test
    void measure() throws Exception {
        LargeOrganization seeded = LargeOrganization.seed(jdbc.getDataSource(), "Bench Corp", 100_000);
        UUID organization = seeded.organizationId();
        jdbc.update(
                "update organization set mfa_enforced = true, mfa_enforcement_changed_at = ? where id = ?",
                java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC),
                organization);
        EventEnvelope event =
                publish(new MfaEnforcementChanged(organization, false, true, false, seeded.ownerId(), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("enforcement-fan-out", event));

        long start = System.nanoTime();
        FanOutJob first = newJob();
        first.run(event.id(), 50); // 25,000 notices, then the "worker dies"
        long half = System.nanoTime();
        FanOutJob.Progress done = newJob().run(event.id(), 1_000);
        long queued = System.nanoTime();
        String causes = "enforcement:" + event.id() + ":%";
        int notices = jdbc.queryForObject(
                "select count(*) from outgoing_email where cause_key like ?", Integer.class, causes);
        log.info(
                "BENCH fan-out {}: {} notices queued in {} ms (first job {} ms, resumed job {} ms)",
                done.status(),
                notices,
                (queued - start) / 1_000_000,
                (half - start) / 1_000_000,
                (queued - half) / 1_000_000);

        // The worker's own dispatcher with its default loops (gatekeep.mail.dispatcher.threads), started here because
        // the test context keeps it from starting with the context.
        AtomicInteger reported = new AtomicInteger();
        dispatcher.start();
        try {
            await().atMost(Duration.ofHours(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        int sentSoFar = jdbc.queryForObject(
                                "select count(*) from outgoing_email where cause_key like ? and " + "status = 'SENT'",
                                Integer.class,
                                causes);
                        if (sentSoFar / 10_000 > reported.get()) {
                            reported.set(sentSoFar / 10_000);
                            log.info(
                                    "BENCH progress: {} sent after {} ms",
                                    sentSoFar,
                                    (System.nanoTime() - queued) / 1_000_000);
                        }
                        return sentSoFar >= notices;
                    });
        } finally {
            dispatcher.stop();
        }
        long delivered = System.nanoTime();
        int distinct = jdbc.queryForObject(
                "select count(distinct recipient) from outgoing_email where cause_key like ?" + " and status = 'SENT'",
                Integer.class,
                causes);
        log.info(String.format(
                "BENCH delivery by %d dispatch loops: %d emails sent over SMTP in %d ms (%.0f/s); %d "
                        + "distinct recipients; queue+delivery %d ms; mail server holds %d for a sample member",
                settings.dispatcher().threads(),
                notices,
                (delivered - queued) / 1_000_000,
                notices / ((delivered - queued) / 1e9),
                distinct,
                (delivered - start) / 1_000_000,
                TestMail.get().messagesTo("fan-1@bench.test").size()));
    }

    private FanOutJob newJob() {
        return new FanOutJob(
                jdbc,
                new TransactionTemplate(transactionManager),
                outgoing,
                Pacer.UNTHROTTLED,
                clock,
                500,
                "https://gatekeep.example.test");
    }
}
