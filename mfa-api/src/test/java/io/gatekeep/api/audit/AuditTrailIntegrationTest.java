package io.gatekeep.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class AuditTrailIntegrationTest extends ApiIntegrationTest {

    private Account owner;

    @BeforeEach
    void organizationWithFiveAuditEntries() {
        owner = signedUpOwner();
        Instant base = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            // what the worker writes from events; entry i happened i minutes after the first
            jdbc.update(
                    """
                    insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip,
                                             occurred_at, recorded_at, details)
                    values (?, ?, ?, ?, ?, '192.0.2.1', ?, now(), cast(? as jsonb))""",
                    UUID.randomUUID(),
                    owner.organizationId(),
                    owner.userId(),
                    owner.userId(),
                    "account.action-" + i,
                    Timestamp.from(base.plusSeconds(60L * i)),
                    "{\"n\": " + i + "}");
        }
        jdbc.update("""
                insert into audit_entry (event_id, organization_id, action, occurred_at, recorded_at)
                values (?, ?, 'account.elsewhere', now(), now())""", UUID.randomUUID(), UUID.randomUUID());
    }

    private Map<?, ?> page(Account reader, String query) {
        return web.get()
                .uri("/api/v1/organizations/" + owner.organizationId() + "/audit" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void ownerPagesThroughEntriesNewestFirst() {
        List<Object> actions = new ArrayList<>();
        String query = "?limit=2";
        int pages = 0;
        while (query != null) {
            Map<?, ?> page = page(owner, query);
            ((List<?>) page.get("entries")).forEach(entry -> actions.add(((Map<?, ?>) entry).get("action")));
            query = page.get("nextCursor") == null ? null : "?limit=2&cursor=" + page.get("nextCursor");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(actions)
                .containsExactly(
                        "account.action-4",
                        "account.action-3",
                        "account.action-2",
                        "account.action-1",
                        "account.action-0");
    }

    @Test
    void entriesCarryWhoWhatWhenAndWhere() {
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) page(owner, "?limit=1").get("entries")).get(0);
        assertThat(entry.get("actorUserId")).isEqualTo(owner.userId().toString());
        assertThat(entry.get("organizationId")).isEqualTo(owner.organizationId().toString());
        assertThat(entry.get("clientIp")).isEqualTo("192.0.2.1");
        assertThat(entry.get("occurredAt")).isEqualTo("2026-01-01T10:04:00Z");
        assertThat(entry.get("details")).isEqualTo(Map.of("n", 4));
    }

    @Test
    void adminsReadMembersDoNotOutsidersSeeNothing() {
        Account admin = member(owner, "ADMIN");
        Account member = member(owner, "MEMBER");
        Account outsider = signedUpOwner();
        assertThat((List<?>) page(admin, "").get("entries")).hasSize(5);
        web.get()
                .uri("/api/v1/organizations/{org}/audit", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + member.token())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        web.get()
                .uri("/api/v1/organizations/{org}/audit", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + outsider.token())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }

    @Test
    void refusesForgedCursorAndBadLimit() {
        web.get()
                .uri("/api/v1/organizations/{org}/audit?cursor=garbage!", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed");
        web.get()
                .uri("/api/v1/organizations/{org}/audit?limit=0", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
