package io.gatekeep.api.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The permission matrix of member management: owner, admin, member, non-member. */
class MemberManagementIntegrationTest extends ApiIntegrationTest {

    private Account owner;
    private Account admin;
    private Account member;
    private Account outsider;

    @BeforeEach
    void organizationWithOwnerAdminAndMember() {
        owner = signedUpOwner();
        admin = member(owner, "ADMIN");
        member = member(owner, "MEMBER");
        outsider = signedUpOwner();
    }

    private String members() {
        return "/api/v1/organizations/" + owner.organizationId() + "/members";
    }

    private WebTestClient.ResponseSpec add(Account actor, Map<String, ?> body) {
        return web.post()
                .uri(members())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .header("X-Forwarded-For", "198.51.100.9")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec update(Account actor, UUID userId, Map<String, ?> body) {
        return web.put()
                .uri(members() + "/" + userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec remove(Account actor, UUID userId) {
        return web.delete()
                .uri(members() + "/" + userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .exchange();
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    @Test
    void addingAnExistingAccountInvitesItInsteadOfMakingAMembership() {
        Account other = signedUpOwner();
        Map<?, ?> body = add(owner, Map.of("email", other.email().toUpperCase(), "role", "MEMBER"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body.get("status")).isEqualTo("INVITED");
        assertThat(body.get("email")).isEqualTo(other.email().toUpperCase());
        assertThat(body.keySet().stream().map(Object::toString)).doesNotContain("userId", "displayName", "mfaEnabled");

        assertThat(jdbc.queryForObject(
                        "select count(*) from membership where organization_id = ? and user_id = ?",
                        Integer.class,
                        owner.organizationId(),
                        other.userId()))
                .isZero();
        assertThat(outboxRows("io.gatekeep.account.member-added", other.userId()))
                .isEmpty();
        assertThat(outboxRows("io.gatekeep.account.member-invited", other.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("organizationId", owner.organizationId().toString())
                        .containsEntry("actorUserId", owner.userId().toString())
                        .containsEntry("clientIp", "198.51.100.9")
                        .doesNotContainEntry("displayName", "Olivia Owner"));
        expectProblem(add(owner, Map.of("email", member.email(), "role", "ADMIN")), 409, "already_member");
    }

    @Test
    void ownerInvitesNewEmailAsInvitedUserWithInvitation() {
        String email = uniqueEmail("newcomer");
        Map<?, ?> body = add(owner, Map.of("email", email, "displayName", "  Nina Newcomer ", "role", "MEMBER"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body.get("status")).isEqualTo("INVITED");
        UUID invitationId = UUID.fromString((String) body.get("invitationId"));
        Map<String, Object> invitation = jdbc.queryForMap("""
                select user_id, token_hash, created_at, expires_at, invited_by, role from invitation where id = ?""", invitationId);
        UUID userId = (UUID) invitation.get("user_id");

        Map<String, Object> user =
                jdbc.queryForMap("select status, password_hash, display_name from app_user " + "where id = ?", userId);
        assertThat(user.get("status")).isEqualTo("INVITED");
        assertThat(user.get("password_hash")).isNull();
        assertThat(user.get("display_name")).isEqualTo("Nina Newcomer");
        assertThat(jdbc.queryForObject("select count(*) from membership where user_id = ?", Integer.class, userId))
                .isZero();
        assertThat(invitation.get("token_hash")).isNull();
        assertThat(invitation.get("invited_by")).isEqualTo(owner.userId());
        assertThat(invitation.get("role")).isEqualTo("MEMBER");
        assertThat(Duration.between(
                        ((Timestamp) invitation.get("created_at")).toInstant(),
                        ((Timestamp) invitation.get("expires_at")).toInstant()))
                .isEqualTo(Duration.ofDays(7));
        assertThat(outboxRows("io.gatekeep.account.member-invited", userId))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("invitationId", invitationId.toString())
                        .containsEntry("email", email)
                        .containsEntry("role", "MEMBER")
                        .doesNotContainKey("token"));
    }

    @Test
    void newAddressWithoutDisplayNameIsGreetedByItsLocalPart() {
        String email = uniqueEmail("anonymous");
        add(owner, Map.of("email", email, "role", "MEMBER")).expectStatus().isCreated();
        assertThat(jdbc.queryForObject(
                        "select display_name from app_user where lower(email) = lower(?)", String.class, email))
                .isEqualTo(email.substring(0, email.indexOf('@')));
    }

    @Test
    void displayNamesWithLineBreaksControlCharactersOrOver100CharactersAreRefused() {
        for (String name :
                List.of("Eve\nBcc: everyone@example.test", "Eve\u0007", "Eve\u202Eevil", "x".repeat(101), "   ")) {
            add(owner, Map.of("email", uniqueEmail("named"), "displayName", name, "role", "MEMBER"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("validation_failed")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("displayName");
        }
        add(owner, Map.of("email", uniqueEmail("named"), "displayName", "  " + "x".repeat(100) + " ", "role", "MEMBER"))
                .expectStatus()
                .isCreated();
    }

    @Test
    void organizationNamesFollowTheSameRulesAtSignup() {
        post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Acme\r\nInc",
                                "email",
                                uniqueEmail("founder"),
                                "password",
                                PASSWORD,
                                "displayName",
                                "Fay"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("organizationName");
    }

    @Test
    void adminAddsMembersButNotOwnersNorPermissions() {
        add(admin, Map.of("email", uniqueEmail("helper"), "displayName", "Hal", "role", "ADMIN"))
                .expectStatus()
                .isCreated();
        expectProblem(
                add(admin, Map.of("email", uniqueEmail("boss"), "displayName", "Bo", "role", "OWNER")),
                403,
                "forbidden");
        expectProblem(
                add(
                        admin,
                        Map.of(
                                "email",
                                uniqueEmail("granted"),
                                "displayName",
                                "Gil",
                                "role",
                                "MEMBER",
                                "permissions",
                                List.of("MANAGE_ORG_ACCESS"))),
                403,
                "forbidden");
    }

    @Test
    void plainMemberCannotManageMembers() {
        expectProblem(
                add(member, Map.of("email", uniqueEmail("friend"), "displayName", "Fred", "role", "MEMBER")),
                403,
                "forbidden");
        expectProblem(update(member, admin.userId(), Map.of("role", "MEMBER")), 403, "forbidden");
        expectProblem(remove(member, admin.userId()), 403, "forbidden");
    }

    @Test
    void nonMemberSeesNothing() {
        web.get()
                .uri(members())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + outsider.token())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        expectProblem(
                add(outsider, Map.of("email", uniqueEmail("x"), "displayName", "X", "role", "MEMBER")),
                404,
                "not_found");
        expectProblem(update(outsider, member.userId(), Map.of("role", "ADMIN")), 404, "not_found");
        expectProblem(remove(outsider, member.userId()), 404, "not_found");
    }

    @Test
    void unknownOrganizationIsNotFound() {
        web.get()
                .uri("/api/v1/organizations/{org}/members", UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void everyMemberListsMembersWithEffectivePermissions() {
        web.get()
                .uri(members() + "?size=2")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + member.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.size")
                .isEqualTo(2)
                .jsonPath("$.members.length()")
                .isEqualTo(2);
        web.get()
                .uri(members() + "?size=50")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.members[?(@.role == 'OWNER')].permissions[0]")
                .isEqualTo("MANAGE_ORG_ACCESS")
                .jsonPath("$.members[?(@.role == 'ADMIN')].email")
                .isEqualTo(admin.email());
    }

    @Test
    void ownerChangesRolesAndGrantsPermission() {
        update(owner, member.userId(), Map.of("role", "ADMIN", "permissions", List.of("MANAGE_ORG_ACCESS")))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("ADMIN")
                .jsonPath("$.permissions[0]")
                .isEqualTo("MANAGE_ORG_ACCESS");

        assertThat(outboxRows("io.gatekeep.account.member-updated", member.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("oldRole", "MEMBER")
                        .containsEntry("newRole", "ADMIN")
                        .containsEntry("newPermissions", List.of("MANAGE_ORG_ACCESS")));
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + member.token())
                .exchange()
                .expectBody()
                .jsonPath("$.organizations[?(@.id == '" + owner.organizationId() + "')].permissions[0]")
                .isEqualTo("MANAGE_ORG_ACCESS");
    }

    @Test
    void adminChangesMembersButNotOwners() {
        update(admin, member.userId(), Map.of("role", "ADMIN")).expectStatus().isOk();
        expectProblem(update(admin, member.userId(), Map.of("role", "OWNER")), 403, "forbidden");
        expectProblem(update(admin, owner.userId(), Map.of("role", "MEMBER")), 403, "forbidden");
        expectProblem(remove(admin, owner.userId()), 403, "forbidden");
    }

    @Test
    void lastOwnerCannotBeDemotedOrRemoved() {
        expectProblem(update(owner, owner.userId(), Map.of("role", "ADMIN")), 409, "last_owner");
        expectProblem(remove(owner, owner.userId()), 409, "last_owner");

        update(owner, admin.userId(), Map.of("role", "OWNER")).expectStatus().isOk();
        update(owner, owner.userId(), Map.of("role", "ADMIN"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("ADMIN");
        expectProblem(remove(admin, admin.userId()), 409, "last_owner");
    }

    @Test
    void ownerRemovesMember() {
        remove(owner, member.userId()).expectStatus().isNoContent();
        assertThat(outboxRows("io.gatekeep.account.member-removed", member.userId()))
                .hasSize(1);
        expectProblem(remove(owner, member.userId()), 404, "not_found");
        web.get()
                .uri(members())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + member.token())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void unchangedUpdateEmitsNothing() {
        update(owner, member.userId(), Map.of("role", "MEMBER")).expectStatus().isOk();
        assertThat(outboxRows("io.gatekeep.account.member-updated", member.userId()))
                .isEmpty();
    }
}
