package io.gatekeep.worker.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.MemberInvited;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import io.gatekeep.worker.mail.OneTimeToken;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
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
class InvitationIntegrationTest extends WorkerIntegrationTest {

    private static final Pattern TOKEN = Pattern.compile("\"token\": \"([A-Za-z0-9_-]{43})\"");

    @Autowired
    EmailDispatcher emails;

    @Test
    void memberInvitedYieldsOneEmailWhoseTokenHashesToTheStoredHash(CapturedOutput log) throws Exception {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Invitech");
        Accounts.Person owner = accounts.activeUser("Olga Owner");
        Accounts.Person invited = accounts.invitedUser("Ivan Invited");
        accounts.member(organization, owner, "OWNER");
        UUID invitation = accounts.invitation(organization, invited, owner);
        EventEnvelope event = publish(new MemberInvited(
                organization,
                invited.id(),
                invitation,
                invited.email(),
                invited.displayName(),
                "MEMBER",
                accounts.invitationExpiry(invitation),
                owner.id(),
                "198.51.100.1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("invitations", event));
        republish(event);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "PUBLISHED"
                        .equals(jdbc.queryForObject(
                                "select status from outbox_event where event_id = ?", String.class, event.id())));

        emails.dispatchDue();

        List<MimeMessage> received = mailTo(invited.email());
        assertThat(received).hasSize(1);
        MimeMessage message = received.get(0);
        String body = message.getContent().toString();
        Matcher token = TOKEN.matcher(body);
        assertThat(token.find()).isTrue();
        byte[] storedHash =
                jdbc.queryForObject("select token_hash from invitation where id = ?", byte[].class, invitation);
        assertThat(OneTimeToken.sha256(token.group(1))).isEqualTo(storedHash);
        assertThat(message.getSubject()).isEqualTo("Invitation to join \u201CInvitech\u201D on Gatekeep");
        assertThat(body)
                .contains("\u201COlga Owner\u201D (")
                .contains("invited you to join the organization \u201CInvitech\u201D on Gatekeep as member")
                .contains("/api/v1/invitations/decline")
                .contains("POST https://gatekeep.example.test/api/v1/invitations/accept")
                .contains("https://gatekeep.example.test/invitations/accept?token=" + token.group(1));
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        UUID emailId = jdbc.queryForObject(
                "select id from outgoing_email where cause_key = ?", UUID.class, "invitation:" + invitation);
        assertThat(message.getMessageID()).isEqualTo("<" + emailId + "@gatekeep.local>");
        assertThat(jdbc.queryForObject("select body from outgoing_email where id = ?", String.class, emailId))
                .as("the token leaves the database once sent")
                .isNull();
        assertThat(log.getAll()).doesNotContain(token.group(1));
    }

    @Test
    void namesChosenByTheInviterAreQuotedDataThatNoMailClientLinks() throws Exception {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("login.example-bank.com/verify");
        Accounts.Person owner = accounts.activeUser("support@example-bank.com");
        Accounts.Person invited = accounts.invitedUser("Ivy");
        UUID invitation = accounts.invitation(organization, invited, owner);
        EventEnvelope event = publish(new MemberInvited(
                organization,
                invited.id(),
                invitation,
                invited.email(),
                null,
                "MEMBER",
                accounts.invitationExpiry(invitation),
                owner.id(),
                null));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("invitations", event));

        emails.dispatchDue();

        MimeMessage message = mailTo(invited.email()).get(0);
        String body = message.getContent().toString();
        assertThat(message.getSubject())
                .doesNotContain("example-bank.com")
                .contains("\u201Clogin\u2024example-bank\u2024com\u2215verify\u201D");
        assertThat(body)
                .doesNotContain("example-bank.com")
                .doesNotContain("support@")
                .contains("\u201Csupport\uFF20example-bank\u2024com\u201D");
    }
}
