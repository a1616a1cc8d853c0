package io.gatekeep.worker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.events.account.MemberLeft;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A person is told when they joined an organization (by accepting) and when they left one. */
class MembershipNotificationsIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    EmailDispatcher emails;

    @Test
    void joiningByAcceptingIsConfirmedToThePersonWithTheOrganizationQuoted() throws Exception {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Acme.io");
        Accounts.Person joiner = accounts.activeUser("Jo Joiner");
        accounts.member(organization, joiner, "ADMIN");

        EventEnvelope event = publish(new InvitationAccepted(organization, joiner.id(), UUID.randomUUID(), null));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications", event));
        emails.dispatchDue();

        List<MimeMessage> received = mailTo(joiner.email());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("You joined \u201CAcme\u2024io\u201D on Gatekeep");
        assertThat(received.get(0).getContent().toString())
                .contains("as admin")
                .contains("/api/v1/me/organizations/" + organization)
                .doesNotContain("Acme.io");
    }

    @Test
    void leavingIsConfirmedToThePerson() throws Exception {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Left Behind");
        Accounts.Person leaver = accounts.activeUser("Lee Leaver");

        EventEnvelope event = publish(new MemberLeft(organization, leaver.id(), "MEMBER", "203.0.113.5"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications", event));
        emails.dispatchDue();

        List<MimeMessage> received = mailTo(leaver.email());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("You left \u201CLeft Behind\u201D on Gatekeep");
        assertThat(received.get(0).getContent().toString()).doesNotContain("203.0.113.5");
    }
}
