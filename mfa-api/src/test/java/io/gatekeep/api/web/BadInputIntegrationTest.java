package io.gatekeep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

class BadInputIntegrationTest extends ApiIntegrationTest {

    @Test
    void malformedJsonIsMalformedRequest() {
        web.post()
                .uri("/api/v1/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organizationName\": \"Acme\", \"email\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("malformed_request")
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.trace")
                .doesNotExist()
                .jsonPath("$.exception")
                .doesNotExist();
    }

    @Test
    void missingBodyIsMalformedRequest() {
        web.post()
                .uri("/api/v1/auth/sign-in")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("malformed_request");
    }

    @Test
    void invalidFieldsAreListedOnePerError() {
        post("/api/v1/signup", Map.of("organizationName", "", "email", "not-an-email", "password", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == 'email')].message")
                .isEqualTo("must be a well-formed email address")
                .jsonPath("$.errors[?(@.field == 'organizationName')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'displayName')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'password')].message")
                .isEqualTo("must have at least 12 characters");
    }

    @Test
    void passwordOfOneRepeatedCharacterIsRefused() {
        post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Acme",
                                "email",
                                uniqueEmail("rep"),
                                "password",
                                "xxxxxxxxxxxxxxxxxxxx",
                                "displayName",
                                "Rep"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("must not repeat one character throughout");
    }

    @Test
    void longPassphrasesWork() {
        String passphrase = "äöü".repeat(42) + "ab"; // 128 characters, 254 bytes: beyond bcrypt's 72
        String email = uniqueEmail("long");
        signedUpOwner(email, passphrase);
        signIn(email, passphrase);
        post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Acme",
                                "email",
                                uniqueEmail("long"),
                                "password",
                                passphrase + "x",
                                "displayName",
                                "Lo"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String huge = "{\"organizationName\": \"" + "a".repeat(40_000) + "\"}";
        web.post()
                .uri("/api/v1/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload_too_large");
    }

    @Test
    void oversizedChunkedBodyIsPayloadTooLarge() {
        Flux<DataBuffer> body = Flux.concat(
                Flux.just(buffer("{\"organizationName\": \"")),
                Flux.range(0, 5).map(i -> buffer("a".repeat(8_000))),
                Flux.just(buffer("\"}")));
        web.post()
                .uri("/api/v1/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body, DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload_too_large");
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownRoutesAreNotFoundProblems() {
        web.get()
                .uri("/nowhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        Account owner = signedUpOwner();
        web.get()
                .uri("/api/v1/nowhere")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        Account owner = signedUpOwner();
        web.delete()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("method_not_allowed");
        web.post()
                .uri("/api/v1/auth/sign-in")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unsupported_media_type");
    }

    @Test
    void malformedPathIdIsValidationProblem() {
        Account owner = signedUpOwner();
        byte[] body = web.get()
                .uri("/api/v1/organizations/not-a-uuid/members")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .returnResult()
                .getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8))
                .doesNotContain("Exception")
                .doesNotContain("at io.");
    }

    @Test
    void outOfRangeQueryParameterIsValidationProblem() {
        Account owner = signedUpOwner();
        web.get()
                .uri("/api/v1/organizations/{org}/members?size=5000", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
    }

    @Test
    void unexpectedFailureIsInternalErrorWithoutDetails() {
        byte[] body = web.get()
                .uri("/test/boom")
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("internal_error")
                .jsonPath("$.detail")
                .doesNotExist()
                .returnResult()
                .getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8))
                .doesNotContain(FailingTestController.SECRET_DETAIL)
                .doesNotContain("IllegalStateException");
    }
}
