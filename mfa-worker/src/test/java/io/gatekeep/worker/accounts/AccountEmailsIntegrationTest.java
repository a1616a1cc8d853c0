package io.gatekeep.worker.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.events.account.PasswordResetRequested;
import io.gatekeep.events.account.SignupConfirmationResent;
import io.gatekeep.events.account.SignupRequested;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import io.gatekeep.worker.mail.OneTimeToken;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AccountEmailsIntegrationTest extends WorkerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    EmailDispatcher emails;

    @Test
    void aSignupIsEmailedALinkWhoseTokenHashesToTheStoredHash(CapturedOutput log) throws Exception {
        String email = "signup-" + UUID.randomUUID() + "@example.test";
        UUID signup = pendingSignup(email);
        EventEnvelope event = publish(new SignupRequested(signup, null, email, "Fay Founder", "Acme", "198.51.100.7"));
        await().atMost(WAIT).until(() -> processed("signup-emails", event));

        emails.dispatchDue();

        MimeMessage message = single(email);
        String token = tokenIn(message.getContent().toString(), "verify-email");
        assertThat(OneTimeToken.sha256(token)).isEqualTo(signupTokenHash(signup));
        assertThat(message.getSubject()).isEqualTo("Confirm your email address for Gatekeep");
        assertThat(message.getContent().toString())
                .contains("POST https://gatekeep.example.test/api/v1/signup/verify")
                .contains("\u201CAcme\u201D");
        assertThat(log.getAll()).doesNotContain(token);
        assertThat(auditEntries(event.id()))
                .as("no account yet, no log to record it in")
                .isZero();
    }

    @Test
    void aResentConfirmationReplacesTheTokenSoOnlyTheNewestLinkWorks() throws Exception {
        String email = "resent-" + UUID.randomUUID() + "@example.test";
        UUID signup = pendingSignup(email);
        EventEnvelope first = publish(new SignupRequested(signup, null, email, "Rae", "Acme", null));
        await().atMost(WAIT).until(() -> processed("signup-emails", first));
        byte[] firstHash = signupTokenHash(signup);
        EventEnvelope again = publish(new SignupConfirmationResent(signup, email, null));
        await().atMost(WAIT).until(() -> processed("signup-emails", again));

        emails.dispatchDue();

        List<MimeMessage> received = mailTo(email);
        assertThat(received).hasSize(2);
        byte[] stored = signupTokenHash(signup);
        assertThat(stored).isNotEqualTo(firstHash);
        List<byte[]> mailed = new java.util.ArrayList<>();
        for (MimeMessage message : received) {
            mailed.add(OneTimeToken.sha256(tokenIn(message.getContent().toString(), "verify-email")));
        }
        assertThat(mailed)
                .as("one email per token; the stored hash is the newest one's")
                .anyMatch(hash -> java.util.Arrays.equals(hash, stored))
                .anyMatch(hash -> java.util.Arrays.equals(hash, firstHash));
    }

    @Test
    void aReplacedSignupGetsNoEmail() {
        String email = "replaced-" + UUID.randomUUID() + "@example.test";
        UUID gone = UUID.randomUUID();
        EventEnvelope event = publish(new SignupRequested(gone, null, email, "Gus", "Acme", null));
        await().atMost(WAIT).until(() -> processed("signup-emails", event));

        emails.dispatchDue();

        assertThat(mailTo(email)).isEmpty();
    }

    @Test
    void aSignupForAnAddressWithAnAccountTellsTheAccountAndCarriesNoLink() throws Exception {
        Accounts.Person person = accounts().activeUser("Ada Account");
        EventEnvelope event = publish(new SignupRequested(
                null, person.id(), person.email().toUpperCase(), "Somebody", "Squat Inc", "203.0.113.9"));
        await().atMost(WAIT).until(() -> processed("signup-emails", event));

        emails.dispatchDue();

        MimeMessage message = single(person.email());
        String body = message.getContent().toString();
        assertThat(message.getSubject()).isEqualTo("You already have a Gatekeep account");
        assertThat(body)
                .contains("\u201CAda Account\u201D")
                .contains("/api/v1/password-reset")
                .doesNotContain("token")
                .doesNotContain("Squat");
        await().atMost(WAIT).until(() -> auditEntries(event.id()) == 1);
        assertThat(jdbc.queryForObject(
                        "select organization_id is null from audit_entry where event_id = ?",
                        Boolean.class,
                        event.id()))
                .isTrue();
    }

    @Test
    void aResetIsEmailedALinkAndAChangedPasswordIsAnnounced() throws Exception {
        Accounts.Person person = accounts().activeUser("Rita Reset");
        UUID organization = accounts().organization("Member Org");
        accounts().member(organization, person, "MEMBER");
        UUID reset = passwordReset(person.id());
        EventEnvelope requested = publish(new PasswordResetRequested(
                person.id(), reset, clock.instant().plus(Duration.ofHours(1)), "198.51.100.8"));
        await().atMost(WAIT).until(() -> processed("password-reset-emails", requested));
        EventEnvelope changed = publish(new PasswordChanged(person.id(), PasswordChanged.Via.RESET, 2, "198.51.100.8"));
        await().atMost(WAIT).until(() -> processed("password-changed-emails", changed));

        emails.dispatchDue();

        List<MimeMessage> received = mailTo(person.email());
        assertThat(received)
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Reset your Gatekeep password", "Your Gatekeep password was changed");
        MimeMessage resetMail = received.stream()
                .filter(m -> subject(m).startsWith("Reset"))
                .findFirst()
                .orElseThrow();
        String token = tokenIn(resetMail.getContent().toString(), "reset-password");
        assertThat(OneTimeToken.sha256(token))
                .isEqualTo(
                        jdbc.queryForObject("select token_hash from password_reset where id = ?", byte[].class, reset));
        // account activity: the account's own security log, never the organization's audit
        await().atMost(WAIT).until(() -> auditEntries(changed.id()) == 1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where event_id in (?, ?) "
                                + "and organization_id is not null",
                        Integer.class,
                        requested.id(),
                        changed.id()))
                .isZero();
    }

    private UUID pendingSignup(String email) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update("""
                insert into signup_request (id, email, display_name, organization_name, password_hash, created_at,
                                            expires_at, last_mailed_at)
                values (?, ?, 'Fay Founder', 'Acme', 'not-a-real-hash', ?, ?, ?)""", id, email, now, now.plusHours(24), now);
        return id;
    }

    private UUID passwordReset(UUID userId) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update(
                "insert into password_reset (id, user_id, created_at, expires_at) values (?, ?, ?, ?)",
                id,
                userId,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(now.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        return id;
    }

    private byte[] signupTokenHash(UUID signup) {
        return jdbc.queryForObject("select token_hash from signup_request where id = ?", byte[].class, signup);
    }

    private static MimeMessage single(String email) {
        List<MimeMessage> received = mailTo(email);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static String tokenIn(String body, String path) {
        Matcher link =
                Pattern.compile("/" + path + "\\?token=([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(link.find()).as("a %s link in %s", path, body).isTrue();
        return link.group(1);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
