package io.gatekeep.api.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The account holder sees their live sessions and ends them; sessions also end after two hours without use. */
class MySessionsIntegrationTest extends ApiIntegrationTest {

    private static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
    private static final String PHONE = "Gatekeep-iOS/3.1";

    @Test
    void listsTheLiveSessionsWithWhereAndWhenAndMarksTheCurrentOne() {
        Account owner = signedUpOwner();
        String laptopIp = randomIp();
        String laptop = signInFrom(owner.email(), laptopIp, LAPTOP);
        String phone = signInFrom(owner.email(), randomIp(), PHONE);
        end(owner.token(), sessionId(owner.token())).expectStatus().isNoContent();

        List<Map<String, Object>> sessions = list(laptop);

        assertThat(sessions).hasSize(2);
        Map<String, Object> current = sessions.stream()
                .filter(s -> Boolean.TRUE.equals(s.get("current")))
                .findFirst()
                .orElseThrow();
        assertThat(current)
                .containsEntry("id", sessionId(laptop).toString())
                .containsEntry("clientIp", laptopIp)
                .containsEntry("userAgent", LAPTOP)
                .containsEntry("mfaVerified", false)
                .containsKeys("createdAt", "lastUsedAt", "expiresAt");
        assertThat(sessions)
                .filteredOn(s -> Boolean.FALSE.equals(s.get("current")))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.get("id")).isEqualTo(sessionId(phone).toString());
                    assertThat(s.get("userAgent")).isEqualTo(PHONE);
                });
    }

    @Test
    void endingOneSessionStopsItsTokenAtOnce() {
        Account owner = signedUpOwner();
        String stolen = signIn(owner.email(), PASSWORD);

        end(owner.token(), sessionId(stolen)).expectStatus().isNoContent();

        me(stolen).expectStatus().isUnauthorized();
        me(owner.token()).expectStatus().isOk();
        assertThat(outboxRows("io.gatekeep.account.sessions-revoked", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("sessionId", sessionId(stolen).toString())
                        .containsEntry("keptSessionId", sessionId(owner.token()).toString())
                        .containsEntry("count", 1)
                        .containsEntry("reason", "USER_REQUEST"));
    }

    @Test
    void nobodyEndsOrSeesAnotherAccountsSession() {
        Account owner = signedUpOwner();
        Account other = signedUpOwner();

        end(other.token(), sessionId(owner.token()))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");

        me(owner.token()).expectStatus().isOk();
        assertThat(list(other.token()))
                .extracting(s -> s.get("id"))
                .containsExactly(sessionId(other.token()).toString());
    }

    @Test
    void endingAllOthersKeepsOnlyTheCurrentSession() {
        Account owner = signedUpOwner();
        String second = signIn(owner.email(), PASSWORD);
        String third = signIn(owner.email(), PASSWORD);

        web.delete()
                .uri("/api/v1/me/sessions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isNoContent();

        me(second).expectStatus().isUnauthorized();
        me(third).expectStatus().isUnauthorized();
        me(owner.token()).expectStatus().isOk();
        assertThat(list(owner.token())).hasSize(1);
        assertThat(outboxRows("io.gatekeep.account.sessions-revoked", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("count", 2)
                        .containsEntry("keptSessionId", sessionId(owner.token()).toString()));
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutEndsBeforeItsTtl() {
        Account owner = signedUpOwner();
        String idle = signIn(owner.email(), PASSWORD);

        clock.advance(Duration.ofHours(1).plusMinutes(30));
        me(owner.token()).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(31));

        me(idle).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        me(owner.token()).expectStatus().isOk();
        assertThat(list(owner.token()))
                .extracting(s -> s.get("id"))
                .containsExactly(sessionId(owner.token()).toString());
    }

    @Test
    void useIsRecordedAtMostOnceAMinute() {
        Account owner = signedUpOwner();
        Timestamp signedIn = lastUsedAt(owner.token());

        clock.advance(Duration.ofSeconds(30));
        me(owner.token()).expectStatus().isOk();
        assertThat(lastUsedAt(owner.token())).isEqualTo(signedIn);

        clock.advance(Duration.ofSeconds(31));
        me(owner.token()).expectStatus().isOk();
        assertThat(lastUsedAt(owner.token()).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void openApiDescribesTheSessionEndpoints() {
        web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/me/sessions'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/me/sessions'].delete")
                .exists()
                .jsonPath("$.paths['/api/v1/me/sessions/{id}'].delete.responses['404']")
                .exists()
                .jsonPath("$.paths['/api/v1/auth/step-up'].post.responses['422']")
                .exists()
                .jsonPath("$.components.schemas.Session.properties.current")
                .exists()
                .jsonPath("$.components.schemas.Session.properties.userAgent")
                .exists()
                .jsonPath("$.components.responses.StepUpRequired.content['application/problem+json']"
                        + ".examples.mfa_step_up_required")
                .exists();
    }

    private String signInFrom(String email, String ip, String userAgent) {
        Map<?, ?> response = web.post()
                .uri("/api/v1/auth/sign-in")
                .header("X-Forwarded-For", ip)
                .header(HttpHeaders.USER_AGENT, userAgent)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) response.get("sessionToken");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String token) {
        Map<String, Object> body = web.get()
                .uri("/api/v1/me/sessions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (List<Map<String, Object>>) body.get("sessions");
    }

    private WebTestClient.ResponseSpec end(String token, java.util.UUID sessionId) {
        return web.delete()
                .uri("/api/v1/me/sessions/{id}", sessionId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private WebTestClient.ResponseSpec me(String token) {
        return web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private java.util.UUID sessionId(String token) {
        return jdbc.queryForObject(
                "select id from auth_session where token_hash = ?", java.util.UUID.class, SessionTokens.sha256(token));
    }

    private Timestamp lastUsedAt(String token) {
        return jdbc.queryForObject(
                "select last_used_at from auth_session where token_hash = ?",
                Timestamp.class,
                SessionTokens.sha256(token));
    }
}
