package io.gatekeep.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.events.account.MemberLeft;
import io.gatekeep.events.account.MemberUpdated;
import io.gatekeep.events.account.SignInFailed;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.mfa.MfaEnabled;
import io.gatekeep.events.mfa.MfaLockedOut;
import io.gatekeep.events.mfa.MfaVerificationFailed;
import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        EventEnvelope event = publish(new MemberUpdated(
                organization,
                member.id(),
                "MEMBER",
                "ADMIN",
                Set.of(),
                Set.of("MANAGE_ORG_ACCESS"),
                owner.id(),
                "198.51.100.4"));

        await().atMost(Duration.ofSeconds(20)).until(() -> auditEntries(event.id()) == 1);

        Map<String, Object> entry = jdbc.queryForMap("select * from audit_entry where event_id = ?", event.id());
        assertThat(entry.get("organization_id")).isEqualTo(organization);
        assertThat(entry.get("user_id")).isEqualTo(member.id());
        assertThat(entry.get("actor_user_id")).isEqualTo(owner.id());
        assertThat(entry.get("action")).isEqualTo("account.member-updated");
        assertThat(entry.get("client_ip")).isEqualTo("198.51.100.4");
        assertThat(((OffsetDateTime) jdbc.queryForObject(
                                "select occurred_at from audit_entry where event_id = ?",
                                OffsetDateTime.class,
                                event.id()))
                        .toInstant())
                .isEqualTo(event.time());
        assertThat(entry.get("recorded_at")).isNotNull();
        assertThat(entry.get("details").toString()).contains("\"newRole\"").contains("ADMIN");
    }

    @Test
    void signInsFailuresAndLockoutsGoOnlyToTheAccountsOwnSecurityLog() {
        Accounts accounts = accounts();
        Accounts.Person user = accounts.activeUser("Multi Org");
        UUID first = accounts.organization("First");
        UUID second = accounts.organization("Second");
        accounts.member(first, user, "MEMBER");
        accounts.member(second, user, "ADMIN");

        List<EventEnvelope> events = List.of(
                publish(new SignedIn(user.id(), UUID.randomUUID(), SignInMethod.PASSWORD, "192.0.2.10")),
                publish(new SignInFailed(user.id(), SignInFailed.Reason.BAD_PASSWORD, "192.0.2.11")),
                publish(new MfaVerificationFailed(
                        user.id(),
                        MfaVerificationFailed.Reason.INVALID_CODE,
                        MfaVerificationFailed.Stage.SIGN_IN,
                        1,
                        "192.0.2.12")),
                publish(new MfaLockedOut(user.id(), clock.instant().plusSeconds(900), 1, "192.0.2.13")));

        for (EventEnvelope event : events) {
            await().atMost(Duration.ofSeconds(20)).until(() -> processed("audit", event));
            assertThat(jdbc.queryForList(
                            "select organization_id from audit_entry where event_id = ?", UUID.class, event.id()))
                    .containsExactly((UUID) null);
            assertThat(jdbc.queryForObject(
                            "select client_ip from audit_entry where event_id = ?", String.class, event.id()))
                    .startsWith("192.0.2.");
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where organization_id in (?, ?)",
                        Integer.class,
                        first,
                        second))
                .isZero();
    }

    @Test
    void mfaTurnedOnIsAComplianceFactWithoutClientIpOnlyWhereThePersonWasAlreadyMember() {
        Accounts accounts = accounts();
        Accounts.Person user = accounts.activeUser("Compliant");
        UUID joinedBefore = accounts.organization("Before");
        UUID joinedAfter = accounts.organization("After");
        accounts.member(joinedBefore, user, "MEMBER");
        OffsetDateTime later = OffsetDateTime.ofInstant(clock.instant().plusSeconds(3600), ZoneOffset.UTC);
        jdbc.update(
                "insert into membership (organization_id, user_id, role, created_at, role_since) "
                        + "values (?, ?, 'MEMBER', ?, ?)",
                joinedAfter,
                user.id(),
                later,
                later);

        EventEnvelope event = publish(new MfaEnabled(user.id(), UUID.randomUUID(), UUID.randomUUID(), "203.0.113.7"));

        await().atMost(Duration.ofSeconds(20)).until(() -> auditEntries(event.id()) == 2);
        Map<String, Object> own = jdbc.queryForMap(
                "select client_ip, details::text as details from audit_entry where event_id = ? "
                        + "and organization_id is null",
                event.id());
        assertThat(own.get("client_ip")).isEqualTo("203.0.113.7");
        Map<String, Object> fact = jdbc.queryForMap(
                "select organization_id, client_ip, details::text as details from audit_entry where event_id = ? "
                        + "and organization_id is not null",
                event.id());
        assertThat(fact.get("organization_id")).isEqualTo(joinedBefore);
        assertThat(fact.get("client_ip")).isNull();
        assertThat(fact.get("details").toString()).doesNotContain("203.0.113.7").doesNotContain("clientIp");
    }

    @Test
    void aPersonsOwnActInAnOrganizationIsRecordedThereWithoutTheirClientIp() {
        Accounts accounts = accounts();
        Accounts.Person joiner = accounts.activeUser("Jo Joiner");
        UUID organization = accounts.organization("Joined");

        EventEnvelope event =
                publish(new InvitationAccepted(organization, joiner.id(), UUID.randomUUID(), "203.0.113.9"));

        await().atMost(Duration.ofSeconds(20)).until(() -> auditEntries(event.id()) == 1);
        Map<String, Object> entry = jdbc.queryForMap(
                "select organization_id, client_ip, details::text as details from audit_entry where event_id = ?",
                event.id());
        assertThat(entry.get("organization_id")).isEqualTo(organization);
        assertThat(entry.get("client_ip")).isNull();
        assertThat(entry.get("details").toString()).doesNotContain("203.0.113.9");

        EventEnvelope left = publish(new MemberLeft(organization, joiner.id(), "MEMBER", "203.0.113.10"));
        await().atMost(Duration.ofSeconds(20)).until(() -> auditEntries(left.id()) == 1);
        Map<String, Object> leaving = jdbc.queryForMap(
                "select organization_id, user_id, action, client_ip from audit_entry where event_id = ?", left.id());
        assertThat(leaving.get("organization_id")).as("owners see who left").isEqualTo(organization);
        assertThat(leaving.get("user_id")).isEqualTo(joiner.id());
        assertThat(leaving.get("action")).isEqualTo("account.member-left");
        assertThat(leaving.get("client_ip")).isNull();
    }

    @Test
    void anotherOrganizationsOwnerNeverSeesAMembersSignInsOrIpsNorAnythingFromBeforeTheyJoined() {
        Accounts accounts = accounts();
        Accounts.Person victim = accounts.activeUser("Vic Victim");
        UUID own = accounts.organization("Victim's own");
        accounts.member(own, victim, "OWNER");
        // MFA turned on before the victim joined the outsider's organization
        EventEnvelope before =
                publish(new MfaEnabled(victim.id(), UUID.randomUUID(), UUID.randomUUID(), "203.0.113.50"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("audit", before));
        clock.advance(Duration.ofMinutes(5));
        UUID outsiders = accounts.organization("Outsider's");
        accounts.member(outsiders, victim, "MEMBER");

        List<EventEnvelope> after = List.of(
                publish(new SignedIn(victim.id(), UUID.randomUUID(), SignInMethod.TOTP, "203.0.113.51")),
                publish(new SignInFailed(victim.id(), SignInFailed.Reason.BAD_PASSWORD, "203.0.113.52")),
                publish(new MfaLockedOut(victim.id(), clock.instant().plusSeconds(900), 1, "203.0.113.53")));
        for (EventEnvelope event : after) {
            await().atMost(Duration.ofSeconds(20)).until(() -> processed("audit", event));
        }

        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where organization_id = ?", Integer.class, outsiders))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where organization_id = ? and event_id = ?",
                        Integer.class,
                        own,
                        before.id()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where organization_id is null " + "and user_id = ?",
                        Integer.class,
                        victim.id()))
                .isEqualTo(4);
    }
}
