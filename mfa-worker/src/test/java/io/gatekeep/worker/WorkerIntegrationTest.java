package io.gatekeep.worker;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.gatekeep.outbox.JdbcOutboxWriter;
import io.gatekeep.testing.MutableClock;
import io.gatekeep.testing.TestEnvironment;
import io.gatekeep.testing.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker against real PostgreSQL, Kafka and SMTP. Every test class extends this one, so they share one
 * application context (and one database and topic prefix: tests use fresh ids and addresses to stay apart).
 * The email loop is off: tests call {@code EmailDispatcher.dispatchDue()} when they want mail to go out; so is the
 * enforcement fan-out loop (tests run {@code FanOutJob} batches themselves). The {@code outbox} endpoint may release
 * (its default is to list only).
 */
@SpringBootTest(
        classes = MfaWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gatekeep.events.partitions=2",
            "spring.kafka.listener.concurrency=1",
            "gatekeep.worker.retry.initial-interval=50ms",
            "gatekeep.worker.retry.max-retries=2",
            "gatekeep.mail.dispatcher.enabled=false",
            "gatekeep.enforcement.fan-out.enabled=false",
            "gatekeep.web.base-url=https://gatekeep.example.test",
            "management.endpoint.outbox.access=unrestricted",
        })
@Import({WorkerIntegrationTest.TestClock.class, FlakyHandler.class})
public abstract class WorkerIntegrationTest {

    protected static final TestEnvironment ENV = TestEnvironment.create();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ENV.register(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected TransactionTemplate transaction;

    @Autowired
    protected JdbcOutboxWriter outbox;

    @Autowired
    private DataSource dataSource;

    protected Accounts accounts() {
        return new Accounts(jdbc, clock);
    }

    /** Commits events through the outbox, as a service would; the relay publishes them. */
    protected EventEnvelope publish(EventPayload payload) {
        return transaction.execute(status -> outbox.append(payload));
    }

    /** Lets the relay publish an already published event again (as after a crash before its commit). */
    protected void republish(EventEnvelope event) {
        jdbc.update("update outbox_event set status = 'PENDING' where event_id = ?", event.id());
    }

    protected boolean processed(String handler, EventEnvelope event) {
        return jdbc.queryForObject(
                        "select count(*) from processed_event where consumer = ? and event_id = ?",
                        Integer.class,
                        handler,
                        event.id())
                > 0;
    }

    protected int auditEntries(UUID eventId) {
        return jdbc.queryForObject("select count(*) from audit_entry where event_id = ?", Integer.class, eventId);
    }

    protected static List<MimeMessage> mailTo(String address) {
        return TestMail.get().messagesTo(address);
    }
}
