package io.gatekeep.bench;

import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.outbox.JdbcOutboxWriter;
import io.gatekeep.testing.LargeOrganization;
import io.gatekeep.testing.TestEnvironment;
import io.gatekeep.testing.TestMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enforcement fan-out with a real {@code kill -9}: mfa-worker runs as a child process (its executable jar) against
 * embedded PostgreSQL, Kafka and GreenMail; an organization of 100,000 members, half without MFA, turns enforcement
 * on (the event goes through the outbox, as the API would write it); once half of the 50,000 notices are delivered the
 * worker is killed with SIGKILL, a new one is started, and the benchmark waits until every notice is sent. It then
 * counts what the mail server received per member: how many were delivered twice.
 *
 * <p>Arguments: {@code --members=100000 --kill-at=0.5 --worker-jar=<path>}; any {@code --gatekeep.*},
 * {@code --spring.*} or {@code --logging.*} goes to both workers.
 */
public final class FanOutKillBenchmark {

    private static final Duration TARGET = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        int members = Integer.parseInt(options.getOrDefault("members", "100000"));
        double killAt = Double.parseDouble(options.getOrDefault("kill-at", "0.5"));
        Path jar = ServiceProcess.executableJar("mfa-worker", options.get("worker-jar"));
        MfaVerificationBenchmark.quietLogging();

        System.out.println("Starting embedded PostgreSQL, Kafka and GreenMail...");
        TestEnvironment env = TestEnvironment.create();
        Map<String, String> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("spring.main.banner-mode", "off");
        options.forEach((name, value) -> {
            if (name.startsWith("gatekeep.") || name.startsWith("spring.") || name.startsWith("logging.")) {
                properties.put(name, value);
            }
        });

        ServiceProcess first = ServiceProcess.start("mfa-worker", jar, "256m", List.of(), properties);
        first.awaitHealthy(Duration.ofMinutes(2)); // its Flyway migrations have run
        System.out.println("Worker 1 up (pid " + first.pid() + ", log " + first.log() + ")");

        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"),
                properties.get("spring.datasource.password"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        LargeOrganization seeded = LargeOrganization.seed(dataSource, "Fan-out Corp", members);
        UUID organization = seeded.organizationId();
        int expected = seeded.membersWithoutMfa();
        System.out.printf("Seeded an organization of %,d members, %,d without MFA%n", members, expected);

        JdbcOutboxWriter outbox =
                new JdbcOutboxWriter(dataSource, new EventCodec(), Clock.systemUTC(), "/gatekeep/bench", () -> {});
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        UUID owner = seeded.ownerId();
        jdbc.update(
                "update organization set mfa_enforced = true, mfa_enforcement_changed_at = now() where id = ?",
                organization);
        long start = System.nanoTime();
        EventEnvelope event = transaction.execute(
                status -> outbox.append(new MfaEnforcementChanged(organization, false, true, false, owner, null)));
        String notices = "enforcement:" + event.id() + ":%";

        int killWhen = (int) (expected * killAt);
        int sentAtKill = awaitSent(jdbc, notices, killWhen, start);
        first.kill();
        long killed = System.nanoTime();
        int sentAfterKill = sent(jdbc, notices);
        int queuedAtKill = queued(jdbc, notices);
        System.out.printf(
                "KILL -9 worker 1 at %.1f s: %,d notices queued, %,d marked sent (%,d when the kill was "
                        + "decided)%n",
                seconds(killed - start), queuedAtKill, sentAfterKill, sentAtKill);

        try (ServiceProcess second = ServiceProcess.start("mfa-worker", jar, "256m", List.of(), properties)) {
            second.awaitHealthy(Duration.ofMinutes(2));
            System.out.printf(
                    "Worker 2 up after %.1f s (pid %d, log %s)%n",
                    seconds(System.nanoTime() - killed), second.pid(), second.log());
            // rows the killed worker had claimed but not sent wait for their lease
            // (gatekeep.mail.dispatcher.claim-lease)
            awaitSent(jdbc, notices, expected, start);
        }
        long done = System.nanoTime();

        Map<String, List<String>> received = receivedPerMember();
        long copies = received.values().stream().mapToLong(List::size).sum();
        List<List<String>> twice =
                received.values().stream().filter(ids -> ids.size() > 1).toList();
        boolean sameIds = twice.stream().allMatch(ids -> ids.stream().distinct().count() == 1);
        Duration total = Duration.ofNanos(done - start);
        System.out.printf(
                "%nSummary: %,d notices, worker killed with SIGKILL after %,d were sent%n", expected, sentAfterKill);
        System.out.printf(
                "  all sent after %.1f s (event committed -> last notice marked sent)   target <= %d s: %s%n",
                seconds(done - start), TARGET.toSeconds(), total.compareTo(TARGET) <= 0 ? "met" : "MISSED");
        System.out.printf(
                "  mail server received %,d notices for %,d distinct members; %,d members got one twice%s   "
                        + "target none: %s%n",
                copies,
                received.size(),
                twice.size(),
                twice.isEmpty()
                        ? ""
                        : sameIds
                                ? " (each pair with one Message-ID, so clients collapse it)"
                                : " (with DIFFERENT Message-IDs)",
                twice.isEmpty() ? "met" : "MISSED");
        first.close();
        System.exit(0);
    }

    private static int awaitSent(JdbcTemplate jdbc, String notices, int atLeast, long start)
            throws InterruptedException {
        int reported = 0;
        while (true) {
            int sent = sent(jdbc, notices);
            if (sent / 10_000 > reported) {
                reported = sent / 10_000;
                System.out.printf("  %,d sent after %.1f s%n", sent, seconds(System.nanoTime() - start));
            }
            if (sent >= atLeast) {
                return sent;
            }
            Thread.sleep(50);
        }
    }

    private static int sent(JdbcTemplate jdbc, String notices) {
        return jdbc.queryForObject(
                "select count(*) from outgoing_email where cause_key like ? and status = 'SENT'",
                Integer.class,
                notices);
    }

    private static int queued(JdbcTemplate jdbc, String notices) {
        return jdbc.queryForObject(
                "select count(*) from outgoing_email where cause_key like ?", Integer.class, notices);
    }

    /** The Message-IDs of the notices the mail server holds, per member address. */
    private static Map<String, List<String>> receivedPerMember() throws MessagingException {
        Map<String, List<String>> received = new HashMap<>();
        for (MimeMessage message : TestMail.get().greenMail().getReceivedMessages()) {
            String to = message.getHeader("To", ",");
            if (to != null && to.contains("fan-")) {
                received.computeIfAbsent(to.strip().toLowerCase(), member -> new java.util.ArrayList<>())
                        .add(message.getMessageID());
            }
        }
        return received;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
