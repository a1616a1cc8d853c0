package io.gatekeep.api.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Nobody becomes a member of an organization without accepting; a member may always leave. */
class MembershipByConsentIntegrationTest extends ApiIntegrationTest {

    private WebTestClient.ResponseSpec add(Account actor, Map<String, ?> body) {
        return web.post()
                .uri("/api/v1/organizations/{org}/members", actor.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .header("X-Forwarded-For", randomIp())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Map<?, ?> directoryEntry(String email) {
        return web.get()
                .uri("/internal/v1/directory/users?email={email}", email)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DESK_SERVICE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec leave(Account member, UUID organizationId) {
        return web.delete()
                .uri("/api/v1/me/organizations/{org}", organizationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + member.token())
                .header("X-Forwarded-For", randomIp())
                .exchange();
    }

    /** The body without what differs between any two invitations: their id and the address sent. */
    private static Map<Object, Object> shape(Map<?, ?> body) {
        Map<Object, Object> shape = new HashMap<>(body);
        shape.remove("invitationId");
        shape.remove("email");
        return shape;
    }

    @Test
    void outsiderAddingAnExistingAccountGetsNoMembershipOnlyAnInvitationTheVictimCanDecline() {
        Account victim = signedUpOwner();
        Account outsider = signedUpOwner();

        Map<?, ?> existing = add(outsider, Map.of("email", victim.email(), "role", "OWNER"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> unknown = add(outsider, Map.of("email", uniqueEmail("nobody"), "role", "OWNER"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(existing.keySet()).isEqualTo(unknown.keySet());
        assertThat(shape(existing)).isEqualTo(shape(unknown));
        assertThat(existing.get("email")).isEqualTo(victim.email());
        assertThat(jdbc.queryForObject(
                        "select count(*) from membership where organization_id = ? and user_id = ?",
                        Integer.class,
                        outsider.organizationId(),
                        victim.userId()))
                .isZero();
        List<?> organizations = (List<?>) directoryEntry(victim.email()).get("organizations");
        assertThat(organizations)
                .noneMatch(membership ->
                        outsider.organizationId().toString().equals(((Map<?, ?>) membership).get("organizationId")));

        String token = invitationToken(UUID.fromString((String) existing.get("invitationId")));
        post("/api/v1/invitations/decline", Map.of("token", token))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(jdbc.queryForObject(
                        "select count(*) from membership where user_id = ?", Integer.class, victim.userId()))
                .isEqualTo(1);
        acceptWithSession(token, victim.token()).expectStatus().isEqualTo(409);
    }

    @Test
    void ownersAndAdminsSeeOpenInvitationsAndCancelThem() {
        Account owner = signedUpOwner();
        Account admin = member(owner, "ADMIN");
        Account plain = member(owner, "MEMBER");
        String email = uniqueEmail("pending");
        UUID invitation = invite(owner, email, "MEMBER");

        web.get()
                .uri("/api/v1/organizations/{org}/invitations", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.invitations.length()")
                .isEqualTo(1)
                .jsonPath("$.invitations[0].invitationId")
                .isEqualTo(invitation.toString())
                .jsonPath("$.invitations[0].email")
                .isEqualTo(email)
                .jsonPath("$.invitations[0].status")
                .isEqualTo("INVITED")
                .jsonPath("$.invitations[0].invitedBy")
                .isEqualTo(owner.userId().toString());
        web.get()
                .uri("/api/v1/organizations/{org}/invitations", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + plain.token())
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/organizations/{org}/members?size=50", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3);

        web.delete()
                .uri("/api/v1/organizations/{org}/invitations/{id}", owner.organizationId(), invitation)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .exchange()
                .expectStatus()
                .isNoContent();
        web.delete()
                .uri("/api/v1/organizations/{org}/invitations/{id}", owner.organizationId(), invitation)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/organizations/{org}/invitations", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectBody()
                .jsonPath("$.invitations.length()")
                .isEqualTo(0);
    }

    @Test
    void aMemberLeavesAndTheEventNamesWhoLeft() {
        Account owner = signedUpOwner();
        Account member = member(owner, "ADMIN");

        leave(member, owner.organizationId()).expectStatus().isNoContent();

        assertThat(jdbc.queryForObject(
                        "select count(*) from membership where organization_id = ? and user_id = ?",
                        Integer.class,
                        owner.organizationId(),
                        member.userId()))
                .isZero();
        assertThat(outboxRows("io.gatekeep.account.member-left", member.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("organizationId", owner.organizationId().toString())
                        .containsEntry("role", "ADMIN"));
        leave(member, owner.organizationId()).expectStatus().isNotFound();
    }

    @Test
    void theLastOwnerCannotLeave() {
        Account owner = signedUpOwner();
        Account second = member(owner, "OWNER");

        leave(owner, owner.organizationId()).expectStatus().isNoContent();
        leave(second, owner.organizationId())
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("last_owner");
    }

    @Test
    void leavingAnOrganizationOneIsNotInIsNotFound() {
        Account owner = signedUpOwner();
        Account stranger = signedUpOwner();
        leave(stranger, owner.organizationId())
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }

    @Test
    void invitationsAreRateLimitedPerOrganization() {
        Account owner = signedUpOwner();
        for (int i = 0; i < INVITATIONS_PER_ORGANIZATION; i++) {
            add(owner, Map.of("email", uniqueEmail("bulk"), "role", "MEMBER"))
                    .expectStatus()
                    .isCreated();
        }
        add(owner, Map.of("email", uniqueEmail("bulk"), "role", "MEMBER"))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");
        // another organization is not affected
        Account other = signedUpOwner();
        add(other, Map.of("email", uniqueEmail("bulk"), "role", "MEMBER"))
                .expectStatus()
                .isCreated();
    }
}
