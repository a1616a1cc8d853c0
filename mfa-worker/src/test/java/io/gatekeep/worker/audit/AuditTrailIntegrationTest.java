package io.gatekeep.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.MemberUpdated;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditTrailIntegrationTest extends WorkerIntegrationTest {

    @Test
    void recordsWhoDidWhatWhenWhereAndInWhichOrganization() {
        Accounts accounts = accounts();
        UUID organization = accounts.organization("Acme");
        Accounts.Person owner = accounts.activeUser("Olive Owner");
        Accounts.Person member = accounts.activeUser("Max Member");
        EventEnvelope event = publish(new MemberUpdated(organization, member.id(), "MEMBER", "ADMIN", Set.of(),
                Set.of("MANAGE_ORG_ACCESS"), owner.id(), "198.51.100.4"));

        await().atMost(Duration.ofSeconds(20)).until(() -> auditEntries(event.id()) == 1);

        Map<String, Object> entry = jdbc.queryForMap("select * from audit_entry where event_id = ?", event.id());
        assertThat(entry.get("organization_id")).isEqualTo(organization);
        assertThat(entry.get("user_id")).isEqualTo(member.id());
        assertThat(entry.get("actor_user_id")).isEqualTo(owner.id());
        assertThat(entry.get("action")).isEqualTo("account.member-updated");
        assertThat(entry.get("client_ip")).isEqualTo("198.51.100.4");
        assertThat(((OffsetDateTime) jdbc.queryForObject("select occurred_at from audit_entry where event_id = ?",
                OffsetDateTime.class, event.id())).toInstant()).isEqualTo(event.time());
        assertThat(entry.get("recorded_at")).isNotNull();
        assertThat(entry.get("details").toString()).contains("\"newRole\"").contains("ADMIN");
    }

    @Test
    void recordsAUserLevelEventOncePerOrganizationOfTheUser() {
        Accounts accounts = accounts();
        Accounts.Person user = accounts.activeUser("Multi Org");
        UUID first = accounts.organization("First");
        UUID second = accounts.organization("Second");
        accounts.member(first, user, "MEMBER");
        accounts.member(second, user, "ADMIN");

        EventEnvelope event = publish(new SignedIn(user.id(), UUID.randomUUID(), "PASSWORD", "192.0.2.10"));

        await().atMost(Duration.ofSeconds(20)).until(() -> auditEntries(event.id()) == 2);
        List<UUID> organizations = jdbc.queryForList(
                "select organization_id from audit_entry where event_id = ?", UUID.class, event.id());
        assertThat(organizations).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void recordsAUserLevelEventWithoutOrganizationForAUserWithNone() {
        Accounts.Person loner = accounts().activeUser("No Org");

        EventEnvelope event = publish(new SignedIn(loner.id(), UUID.randomUUID(), "PASSWORD", null));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed("audit", event));
        assertThat(jdbc.queryForList("select organization_id from audit_entry where event_id = ?", UUID.class,
                event.id())).containsExactly((UUID) null);
    }
}
