package io.gatekeep.worker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaEnabled;
import io.gatekeep.events.mfa.MfaLockedOut;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MfaNotificationsIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    EmailDispatcher emails;

    @Test
    void eachMfaSecurityEventSendsItsNoticeOnceEvenWhenDeliveredTwice() throws Exception {
        Accounts.Person user = accounts().activeUser("Mia Mfa");
        UUID credential = UUID.randomUUID();
        List<EventPayload> payloads = List.of(
                new MfaEnabled(user.id(), credential, UUID.randomUUID(), "198.51.100.4"),
                new MfaLockedOut(user.id(), clock.instant().plus(Duration.ofMinutes(15)), 1, "198.51.100.4"),
                new RecoveryCodeUsed(user.id(), credential, "198.51.100.4"),
                new MfaDisabled(
                        user.id(), credential, MfaDisabled.Reason.RECOVERY_CODE, user.id(), null, "198.51.100.4"),
                new MfaDisabled(
                        user.id(),
                        UUID.randomUUID(),
                        MfaDisabled.Reason.USER_REQUEST,
                        user.id(),
                        null,
                        "198.51.100.4"));
        List<EventEnvelope> published = new ArrayList<>();
        payloads.forEach(payload -> published.add(publish(payload)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> published.stream().allMatch(event -> processed("notifications", event)));
        published.forEach(this::republish);
        // same user, so same partition: once this one is processed, the redeliveries before it were too
        EventEnvelope marker = publish(
                new MfaDisabled(user.id(), credential, MfaDisabled.Reason.RECOVERY_CODE, user.id(), null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications", marker));

        emails.dispatchDue();

        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mailTo(user.email())) {
            subjects.add(subject(message));
        }
        assertThat(subjects)
                .containsExactlyInAnyOrder(
                        "Multi-factor authentication is now on",
                        "Too many wrong codes: MFA sign-in is locked",
                        "Your recovery code was used: MFA is now off",
                        "Multi-factor authentication is now off");
        MimeMessage recovery = mailTo(user.email()).stream()
                .filter(message -> subject(message).startsWith("Your recovery code"))
                .findFirst()
                .orElseThrow();
        assertThat(recovery.getContent().toString())
                .contains("now OFF")
                .contains("Set MFA up again")
                .contains("https://gatekeep.example.test");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
