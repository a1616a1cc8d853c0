package io.gatekeep.desk;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.gatekeep.outbox.JdbcOutboxWriter;
import io.gatekeep.testing.MutableClock;
import io.gatekeep.testing.TestEnvironment;
import io.gatekeep.testing.TestMail;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
 * The desk against real PostgreSQL, Kafka and an SMTP+IMAP server (GreenMail), its directory served by
 * {@link FakeDirectory}. Test classes extending this share one context, database and support mailbox (tests use fresh
 * people and subjects to stay apart). Mail reaches the desk over real SMTP and IMAP IDLE; desk mail is asserted on the
 * {@code outgoing_email} rows it queues (the worker's dispatcher is not part of this service).
 */
@SpringBootTest(
        classes = SupportDeskApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gatekeep.events.partitions=2",
            "gatekeep.desk.mailbox.mode=idle",
            "gatekeep.desk.mailbox.idle-renewal=5s",
            "gatekeep.desk.expiry.enabled=false",
            "gatekeep.desk.replies-per-sender-per-hour=3",
            "gatekeep.desk.agents.bootstrap-username=admin",
            "gatekeep.desk.agents.bootstrap-password=Admin-Passw0rd-For-Tests",
            "support.require-authenticated-sender=true",
            "support.trusted-authserv-id=mx.desk.test",
            "gatekeep.desk.reset-release.enabled=false",
            "gatekeep.desk.cancel-base-url=https://gatekeep.example.test",
            "gatekeep.desk.agents.secret-key=" + DeskIntegrationTest.AGENT_SECRET_KEY,
            "gatekeep.desk.agents.bootstrap-totp-secret=" + DeskIntegrationTest.ADMIN_TOTP_SECRET,
        })
@Import(DeskIntegrationTest.TestClock.class)
public abstract class DeskIntegrationTest {

    /** Seals the agents' TOTP secrets in tests (a fixed test key; never used anywhere else). */
    static final String AGENT_SECRET_KEY = "dGVzdC1vbmx5LWFnZW50LXNlY3JldC1rZXktMzJieXQ=";
    /** The bootstrap agent {@code admin}'s TOTP secret, so tests can compute its codes. */
    protected static final String ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    protected static final TestEnvironment ENV = TestEnvironment.create();
    protected static final FakeDirectory DIRECTORY = new FakeDirectory();
    protected static final String SUPPORT =
            "support-" + UUID.randomUUID().toString().substring(0, 8) + "@desk.test";
    /** The desk's clock; the fixtures' mail is dated by it, as a person's client would date it. */
    public static final MutableClock CLOCK = new MutableClock();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ENV.register(registry);
        registry.add("gatekeep.desk.support-address", () -> SUPPORT);
        registry.add("gatekeep.desk.mailbox.host", () -> "127.0.0.1");
        registry.add("gatekeep.desk.mailbox.port", ENV::imapPort);
        registry.add("gatekeep.desk.mailbox.username", () -> SUPPORT);
        registry.add("gatekeep.desk.mailbox.password", () -> SUPPORT);
        registry.add("gatekeep.desk.directory.base-url", DIRECTORY::baseUrl);
        registry.add("gatekeep.desk.directory.token", () -> FakeDirectory.TOKEN);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        MutableClock clock() {
            return CLOCK;
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

    /** Delivers raw RFC 5322 text to the support mailbox over SMTP, whatever its headers say (as plus-addressing does). */
    protected static void deliver(String raw) {
        try {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(TestMail.get().smtpPort()));
            Session smtp = Session.getInstance(properties);
            MimeMessage message = new MimeMessage(
                    smtp, new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
            try (Transport transport = smtp.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, new Address[] {new InternetAddress(SUPPORT)});
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected EventEnvelope publish(EventPayload payload) {
        return transaction.execute(status -> outbox.append(payload));
    }

    protected Map<String, Object> ticketOfMessage(String messageId) {
        return jdbc.queryForMap("""
                select t.* from desk_ticket t join desk_message m on m.ticket_id = t.id where m.message_id = ?""", messageId);
    }

    protected boolean recorded(String messageId) {
        return jdbc.queryForObject("select count(*) from desk_message where message_id = ?", Integer.class, messageId)
                > 0;
    }

    protected String status(UUID ticketId) {
        return jdbc.queryForObject("select status from desk_ticket where id = ?", String.class, ticketId);
    }

    protected List<Map<String, Object>> outgoing(UUID ticketId) {
        return jdbc.queryForList(
                "select * from outgoing_email where cause_key like ? order by created_at, cause_key",
                "desk:" + ticketId + ":%");
    }

    protected List<Map<String, Object>> events(UUID ticketId, String type) {
        return jdbc.queryForList("""
                select replace(payload::text, '": ', '":') as payload from outbox_event
                where partition_key = ? and event_type = ? order by seq""", ticketId.toString(), type);
    }

    /** Messages in the support mailbox not flagged {@code \Seen}. */
    protected static int unseenCount() {
        return inSupportMailbox(Folder.READ_ONLY, Folder::getUnreadMessageCount);
    }

    /** Clears {@code \Seen} on the support mailbox's message with this Message-ID (the desk died before flagging it). */
    protected static void markUnseen(String messageId) {
        inSupportMailbox(Folder.READ_WRITE, inbox -> {
            Message[] found = inbox.search(new HeaderTerm("Message-ID", messageId));
            inbox.setFlags(found, new Flags(Flags.Flag.SEEN), false);
            return found.length;
        });
    }

    private interface FolderWork<T> {
        T apply(Folder inbox) throws MessagingException;
    }

    private static <T> T inSupportMailbox(int mode, FolderWork<T> work) {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", ENV.imapPort(), SUPPORT, SUPPORT);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(mode);
            try {
                return work.apply(inbox);
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String id() {
        return UUID.randomUUID() + "@mail.acme.example";
    }
}
