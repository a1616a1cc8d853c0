package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Fixtures for the MFA HTTP tests: enrolled users, sign-in steps, codes computed from the otpauth URI the way an
 * authenticator app does (with {@link ReferenceTotp}, independent of the server's implementation).
 */
abstract class MfaHttpTest extends ApiIntegrationTest {

    /** A user with MFA on: the secret as an app holds it and the recovery code as shown once. */
    record Enrolled(Account account, String secret, String recoveryCode) {
        UUID userId() {
            return account.userId();
        }

        String email() {
            return account.email();
        }
    }

    protected Enrolled enrolledOwner() {
        Account owner = signedUpOwner();
        Map<String, Object> setup = startSetup(owner.token());
        String secret = ReferenceTotp.secretOf((String) setup.get("otpauthUri"));
        Map<String, Object> enabled = verifySetup(owner.token(), codeFor(secret))
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        // the setup code's step is used up: later codes come from the next step
        nextStep();
        return new Enrolled(owner, secret, (String) enabled.get("recoveryCode"));
    }

    protected Map<String, Object> startSetup(String token) {
        return withBearer(HttpMethod.POST, "/api/v1/me/mfa/setup", token, null)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    protected WebTestClient.ResponseSpec verifySetup(String token, String code) {
        return withBearer(HttpMethod.POST, "/api/v1/me/mfa/setup/verify", token, Map.of("code", code))
                .exchange();
    }

    protected WebTestClient.ResponseSpec refreshQr(String token) {
        return withBearer(HttpMethod.POST, "/api/v1/me/mfa/setup/qr", token, null)
                .exchange();
    }

    protected WebTestClient.ResponseSpec disable(String token, String code) {
        return withBearer(HttpMethod.DELETE, "/api/v1/me/mfa", token, Map.of("code", code))
                .exchange();
    }

    protected WebTestClient.ResponseSpec me(String token) {
        return withBearer(HttpMethod.GET, "/api/v1/me", token, null).exchange();
    }

    protected WebTestClient.RequestHeadersSpec<?> withBearer(
            HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = web.method(method)
                .uri(path)
                .header("X-Forwarded-For", randomIp())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** The first step of a sign-in, whatever it answers. */
    protected Map<String, Object> passwordStep(String email) {
        return post("/api/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    protected String challenge(Enrolled user) {
        Map<String, Object> step = passwordStep(user.email());
        assertThat(step.get("status")).isEqualTo("MFA_REQUIRED");
        return (String) step.get("challengeToken");
    }

    protected WebTestClient.ResponseSpec submitCode(String challengeToken, String code) {
        return post("/api/v1/auth/mfa", Map.of("challengeToken", challengeToken, "code", code))
                .exchange();
    }

    protected WebTestClient.ResponseSpec submitRecoveryCode(String challengeToken, String recoveryCode) {
        return post("/api/v1/auth/mfa", Map.of("challengeToken", challengeToken, "recoveryCode", recoveryCode))
                .exchange();
    }

    /** Signs in with password and a current code; answers the session token. */
    protected String signInWithMfa(Enrolled user) {
        Map<String, Object> signedIn = submitCode(challenge(user), codeFor(user.secret()))
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(signedIn.get("status")).isEqualTo("AUTHENTICATED");
        return (String) signedIn.get("sessionToken");
    }

    protected String codeFor(String secret) {
        return ReferenceTotp.code(secret, clock.instant());
    }

    /** Moves to the next 30-second step (and, every other call, past a rate-limit window). */
    protected void nextStep() {
        clock.advance(Duration.ofSeconds(31));
    }

    protected static String wrongCodeFor(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }

    protected void enforceMfa(UUID organizationId) {
        jdbc.update("update organization set mfa_enforced = true where id = ?", organizationId);
    }

    /** Every outbox payload about the user, as text. */
    protected List<String> outboxPayloads(UUID userId) {
        return jdbc.queryForList(
                "select payload::text from outbox_event where partition_key = ? order by seq",
                String.class,
                userId.toString());
    }

    protected int events(String type, UUID userId) {
        return outboxRows("io.gatekeep." + type, userId).size();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    protected static final Class<Map<String, Object>> MAP = (Class) HashMap.class;
}
