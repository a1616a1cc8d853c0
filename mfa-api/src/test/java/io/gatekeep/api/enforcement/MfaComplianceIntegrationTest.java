package io.gatekeep.api.enforcement;

import static io.gatekeep.api.enforcement.MfaEnforcementIntegrationTest.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The compliance view and the members list's MFA column. */
class MfaComplianceIntegrationTest extends ApiIntegrationTest {

    private Account owner;
    private final Set<UUID> withoutMfa = new HashSet<>();
    private final Set<UUID> withMfa = new HashSet<>();

    /** Owner with MFA, 4 members with MFA, 7 without (one still invited), plus a revoked credential. */
    @BeforeEach
    void organizationWithMixedCompliance() {
        owner = signedUpOwner();
        MfaEnforcementIntegrationTest.enableMfa(
                jdbc, owner.userId(), clock.instant().minus(Duration.ofDays(1)));
        withMfa.add(owner.userId());
        for (int i = 0; i < 4; i++) {
            UUID user = insertMember("ACTIVE");
            MfaEnforcementIntegrationTest.enableMfa(jdbc, user, clock.instant());
            withMfa.add(user);
        }
        for (int i = 0; i < 6; i++) {
            withoutMfa.add(insertMember("ACTIVE"));
        }
        withoutMfa.add(insertMember("INVITED"));
        UUID revoked = withoutMfa.iterator().next();
        MfaEnforcementIntegrationTest.enableMfa(jdbc, revoked, clock.instant().minus(Duration.ofDays(2)));
        jdbc.update(
                "update mfa_credential set revoked_at = now(), revoked_reason = 'USER_REQUEST', "
                        + "secret_key_id = null, secret_nonce = null, secret_ciphertext = null where user_id = ?",
                revoked);
    }

    @Test
    void countsMembersWithAndWithoutMfaAndPagesThoseWithout() {
        Map<?, ?> first = compliance(owner, "?limit=3")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(first.get("members")).isEqualTo(12);
        assertThat(first.get("withMfa")).isEqualTo(5);
        assertThat(first.get("withoutMfa")).isEqualTo(7);
        assertThat(first.get("enforced")).isEqualTo(false);

        List<UUID> listed = new ArrayList<>(ids(first));
        Object cursor = first.get("nextCursor");
        int pages = 1;
        while (cursor != null) {
            Map<?, ?> page = compliance(owner, "?limit=3&cursor=" + cursor)
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            listed.addAll(ids(page));
            cursor = page.get("nextCursor");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(withoutMfa);
        assertThat(listed.stream().map(UUID::toString).toList())
                .as("user-id order")
                .isSorted();
    }

    @Test
    void lastFullPageHasNoCursorAndListsStatus() {
        compliance(owner, "?limit=7")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.membersWithoutMfa.length()")
                .isEqualTo(7)
                .jsonPath("$.nextCursor")
                .doesNotExist()
                .jsonPath("$.membersWithoutMfa[?(@.status == 'INVITED')]")
                .exists();
    }

    @Test
    void onlyOwnersAdminsAndPermissionHoldersSeeCompliance() {
        Account admin = member(owner, "ADMIN");
        Account plainMember = member(owner, "MEMBER");
        Account outsider = signedUpOwner();

        compliance(admin, "").expectStatus().isOk();
        expectProblem(compliance(plainMember, ""), 403, "forbidden");
        expectProblem(compliance(outsider, ""), 404, "not_found");
        expectProblem(compliance(owner, "?cursor=not-a-cursor"), 400, "validation_failed");
        expectProblem(compliance(owner, "?limit=0"), 400, "validation_failed");
    }

    @Test
    void membersListShowsEachMembersMfa() {
        Map<?, ?> page = web.get()
                .uri("/api/v1/organizations/{org}/members?size=50", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<?> members = (List<?>) page.get("members");
        assertThat(members).hasSize(12);
        for (Object entry : members) {
            Map<?, ?> member = (Map<?, ?>) entry;
            UUID id = UUID.fromString((String) member.get("userId"));
            assertThat(member.get("mfaEnabled")).as("mfaEnabled of %s", id).isEqualTo(withMfa.contains(id));
        }
    }

    private UUID insertMember(String status) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update(
                "insert into app_user (id, email, display_name, password_hash, status, created_at) "
                        + "values (?, ?, 'Member', null, ?, ?)",
                id,
                uniqueEmail("m"),
                status,
                now);
        jdbc.update(
                "insert into membership (organization_id, user_id, role, created_at, role_since) "
                        + "values (?, ?, 'MEMBER', ?, ?)",
                owner.organizationId(),
                id,
                now,
                now);
        return id;
    }

    private WebTestClient.ResponseSpec compliance(Account actor, String query) {
        return web.get()
                .uri("/api/v1/organizations/" + owner.organizationId() + "/mfa-compliance" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .exchange();
    }

    private static List<UUID> ids(Map<?, ?> page) {
        return ((List<?>) page.get("membersWithoutMfa"))
                .stream()
                        .map(entry -> UUID.fromString((String) ((Map<?, ?>) entry).get("userId")))
                        .toList();
    }
}
