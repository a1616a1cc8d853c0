package io.gatekeep.api.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class InternalDirectoryIntegrationTest extends ApiIntegrationTest {

    @Test
    void refusesCallsWithoutAServiceToken() {
        web.get()
                .uri("/internal/v1/directory/users?email=x@example.test")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }

    @Test
    void refusesAUserSessionToken() {
        Account owner = signedUpOwner();

        web.get()
                .uri("/internal/v1/directory/users/{id}", owner.userId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void findsAUserByEmailCaseInsensitivelyWithTheirOrganizations() {
        Account owner = signedUpOwner();

        Map<?, ?> user = service()
                .get()
                .uri("/internal/v1/directory/users?email={email}", owner.email().toUpperCase())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(user.get("userId")).isEqualTo(owner.userId().toString());
        assertThat(user.get("active")).isEqualTo(true);
        assertThat(user.get("mfaEnabled")).isEqualTo(false);
        List<?> organizations = (List<?>) user.get("organizations");
        assertThat(organizations).singleElement().satisfies(membership -> {
            assertThat(((Map<?, ?>) membership).get("organizationId"))
                    .isEqualTo(owner.organizationId().toString());
            assertThat(((Map<?, ?>) membership).get("role")).isEqualTo("OWNER");
        });
    }

    @Test
    void answersNotFoundForAnUnknownUser() {
        service()
                .get()
                .uri("/internal/v1/directory/users?email=nobody-{n}@example.test", System.nanoTime())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }

    @Test
    void listsOwnersAndMembersWhoMayManageAccessAsApprovers() {
        Account owner = signedUpOwner();
        Account manager = member(owner, "ADMIN");
        member(owner, "MEMBER");
        jdbc.update(
                "update membership set manage_org_access = true where organization_id = ? and user_id = ?",
                owner.organizationId(),
                manager.userId());

        Map<?, ?> approvers = service()
                .get()
                .uri("/internal/v1/directory/organizations/{org}/approvers", owner.organizationId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(userIds(approvers.get("owners")))
                .containsExactly(owner.userId().toString());
        assertThat(userIds(approvers.get("managers")))
                .containsExactly(manager.userId().toString());
    }

    @Test
    void tellsTheDeskHowAndSinceWhenEachMembershipHoldsAndWhetherTheOrganizationEnforcesMfa() {
        Account owner = signedUpOwner();
        jdbc.update("update organization set mfa_enforced = true where id = ?", owner.organizationId());

        Map<?, ?> user = service()
                .get()
                .uri("/internal/v1/directory/users?email={email}", owner.email())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> membership = (Map<?, ?>) ((List<?>) user.get("organizations")).get(0);
        Map<?, ?> approvers = service()
                .get()
                .uri("/internal/v1/directory/organizations/{org}/approvers", owner.organizationId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(membership.get("joinedVia")).isEqualTo("CREATED");
        assertThat(membership.get("joinedAt")).asString().isNotBlank();
        assertThat(membership.get("roleSince")).asString().isNotBlank();
        assertThat(membership.get("mfaEnforced")).isEqualTo(true);
        assertThat(approvers.get("mfaEnforced")).isEqualTo(true);
        assertThat(((Map<?, ?>) ((List<?>) approvers.get("owners")).get(0)).get("roleSince"))
                .isEqualTo(membership.get("roleSince"));
    }

    private static List<Object> userIds(Object people) {
        return ((List<?>) people)
                .stream()
                        .map(person -> ((Map<?, ?>) person).get("userId"))
                        .map(Object.class::cast)
                        .toList();
    }

    private org.springframework.test.web.reactive.server.WebTestClient service() {
        return web.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + DESK_SERVICE_TOKEN)
                .build();
    }
}
