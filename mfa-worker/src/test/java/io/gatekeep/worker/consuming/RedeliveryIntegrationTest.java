package io.gatekeep.worker.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import io.gatekeep.worker.mail.EmailDispatcher;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RedeliveryIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    EmailDispatcher emails;

    @Test
    void sameEventDeliveredTwiceHasOneAuditEntryAndOneEmail() {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Twice Inc");
        Accounts.Person joiner = accounts.activeUser("Joiner");
        accounts.member(organization, joiner, "MEMBER");
        EventEnvelope event =
                publish(new InvitationAccepted(organization, joiner.id(), UUID.randomUUID(), "203.0.113.9"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications", event));

        republish(event);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "PUBLISHED"
                        .equals(jdbc.queryForObject(
                                "select status from outbox_event where event_id = ?", String.class, event.id())));
        // A later event with the same key (so the same partition) is consumed after the redelivered one.
        EventEnvelope marker = publish(new SignedIn(joiner.id(), UUID.randomUUID(), SignInMethod.PASSWORD, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("audit", marker));
        emails.dispatchDue();

        assertThat(auditEntries(event.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_email where cause_key = ?",
                        Integer.class,
                        "member-joined:" + event.id()))
                .isEqualTo(1);
        assertThat(mailTo(joiner.email())).hasSize(1);
    }
}
