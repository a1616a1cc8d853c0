package io.gatekeep.api.accounts;

import io.gatekeep.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

/** The signup and password paths, statuses and codes are public contract: the OpenAPI document names them. */
class SignupAndPasswordsOpenApiIntegrationTest extends ApiIntegrationTest {

    private static final String PROBLEM = ".content['application/problem+json'].examples.";

    @Test
    void documentsSignupVerificationPasswordsAndTheirProblemCodes() {
        web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/signup'].post.responses['202']")
                .exists()
                .jsonPath("$.paths['/api/v1/signup'].post.responses['201']")
                .doesNotExist()
                .jsonPath("$.paths['/api/v1/signup'].post.responses['409']")
                .doesNotExist()
                .jsonPath("$.paths['/api/v1/signup'].post.responses['429']")
                .exists()
                .jsonPath("$.paths['/api/v1/signup/verify'].post.responses['200']")
                .exists()
                .jsonPath("$.paths['/api/v1/signup/verify'].post.responses['400']")
                .exists()
                .jsonPath("$.paths['/api/v1/signup/verify'].post.responses['410']")
                .exists()
                .jsonPath("$.paths['/api/v1/auth/sign-in'].post.responses['403']")
                .exists()
                .jsonPath("$.paths['/api/v1/password-reset'].post.responses['202']")
                .exists()
                .jsonPath("$.paths['/api/v1/password-reset'].post.responses['429']")
                .exists()
                .jsonPath("$.paths['/api/v1/password-reset/confirm'].post.responses['410']")
                .exists()
                .jsonPath("$.paths['/api/v1/me/password'].put.responses['403']")
                .exists()
                .jsonPath("$.paths['/api/v1/me/password'].put.security[0].bearer")
                .exists()
                .jsonPath("$.components.responses.InvalidToken" + PROBLEM + "invalid_token")
                .exists()
                .jsonPath("$.components.responses.Gone" + PROBLEM + "token_expired")
                .exists()
                .jsonPath("$.components.responses.Forbidden" + PROBLEM + "email_not_verified")
                .exists()
                .jsonPath("$.components.responses.Forbidden" + PROBLEM + "mfa_step_up_required")
                .exists()
                .jsonPath("$.components.responses.Conflict" + PROBLEM + "email_taken")
                .doesNotExist();
    }
}
