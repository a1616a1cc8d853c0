package io.gatekeep.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The account's own security log: its account-level events, readable by the account holder only. */
class SecurityLogIntegrationTest extends ApiIntegrationTest {

    /** What the worker records for an account-level event: a row without organization. */
    private void accountEvent(UUID userId, String action, String ip, Instant at) {
        jdbc.update("""
                insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip,
                                         occurred_at, recorded_at)
                values (?, null, ?, ?, ?, ?, ?, now())""", UUID.randomUUID(), userId, userId, action, ip, Timestamp.from(at));
    }

    private Map<?, ?> page(Account reader, String query) {
        return web.get()
                .uri("/api/v1/me/security-events" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<?> entries(Map<?, ?> page) {
        return (List<?>) page.get("entries");
    }

    @Test
    void theAccountHolderPagesThroughTheirOwnEventsNewestFirst() {
        Account holder = signedUpOwner();
        Instant base = Instant.parse("2026-02-01T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            accountEvent(holder.userId(), "account.signed-in-" + i, "192.0.2." + i, base.plusSeconds(60L * i));
        }

        List<Object> actions = new ArrayList<>();
        String query = "?limit=2";
        while (query != null) {
            Map<?, ?> page = page(holder, query);
            entries(page).forEach(entry -> actions.add(((Map<?, ?>) entry).get("action")));
            query = page.get("nextCursor") == null ? null : "?limit=2&cursor=" + page.get("nextCursor");
        }
        assertThat(actions)
                .containsExactly(
                        "account.signed-in-4",
                        "account.signed-in-3",
                        "account.signed-in-2",
                        "account.signed-in-1",
                        "account.signed-in-0");
        Map<?, ?> newest = (Map<?, ?>) entries(page(holder, "?limit=1")).get(0);
        assertThat(newest.get("clientIp")).isEqualTo("192.0.2.4");
        assertThat(newest.get("organizationId")).isNull();
    }

    @Test
    void nobodyElseReadsAnAccountsSecurityLogNotEvenTheOwnersOfItsOrganizations() {
        Account owner = signedUpOwner();
        Account member = member(owner, "MEMBER");
        accountEvent(member.userId(), "account.signed-in", "198.51.100.77", Instant.now());

        assertThat(entries(page(member, ""))).hasSize(1);
        assertThat(entries(page(owner, ""))).isEmpty();
        Map<?, ?> audit = web.get()
                .uri("/api/v1/organizations/{org}/audit", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(entries(audit)).noneMatch(entry -> "198.51.100.77".equals(((Map<?, ?>) entry).get("clientIp")));
        web.get().uri("/api/v1/me/security-events").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void refusesForgedCursor() {
        Account holder = signedUpOwner();
        web.get()
                .uri("/api/v1/me/security-events?cursor=garbage!")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + holder.token())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed");
    }
}
