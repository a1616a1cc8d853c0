package io.gatekeep.api.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Limits in the shared test context: 8 attempts per IP and 5 per account in a one-minute window. */
class SignInRateLimitIntegrationTest extends ApiIntegrationTest {

    private WebTestClient.ResponseSpec attempt(String ip, String email, String password) {
        return web.post().uri("/api/v1/auth/sign-in").header("X-Forwarded-For", ip)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    @Test
    void limitsAttemptsPerClientIpWhateverTheAccount() {
        startOfWindow();
        String ip = randomIp();
        for (int i = 0; i < 8; i++) {
            attempt(ip, uniqueEmail("guess"), "wrong password " + i).expectStatus().isUnauthorized();
        }
        attempt(ip, uniqueEmail("guess"), "wrong password")
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 60))
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");

        attempt(randomIp(), uniqueEmail("guess"), "wrong password").expectStatus().isUnauthorized();
    }

    @Test
    void limitsAttemptsPerAccountAcrossClientIpsEvenWithTheRightPassword() {
        startOfWindow();
        Account owner = signedUpOwner(); // confirming the signup signs in without a password attempt
        for (int i = 0; i < 5; i++) {
            attempt(randomIp(), owner.email(), "wrong password " + i).expectStatus().isUnauthorized();
        }
        attempt(randomIp(), owner.email().toUpperCase(), PASSWORD)
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");

        assertThat(outboxRows("io.gatekeep.account.sign-in-failed", owner.userId()))
                .extracting(row -> payload(row).get("reason"))
                .containsExactly("BAD_PASSWORD", "BAD_PASSWORD", "BAD_PASSWORD", "BAD_PASSWORD", "BAD_PASSWORD",
                        "RATE_LIMITED");
    }

    @Test
    void limitLiftsWhenTheWindowEnds() {
        startOfWindow();
        Account owner = signedUpOwner();
        for (int i = 0; i < 5; i++) {
            attempt(randomIp(), owner.email(), "wrong password " + i);
        }
        attempt(randomIp(), owner.email(), PASSWORD).expectStatus().isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        attempt(randomIp(), owner.email(), PASSWORD).expectStatus().isOk();
    }

    @Test
    void unknownAccountsAreLimitedLikeKnownOnes() {
        startOfWindow();
        String email = uniqueEmail("ghost");
        for (int i = 0; i < 5; i++) {
            attempt(randomIp(), email, "wrong password " + i).expectStatus().isUnauthorized();
        }
        attempt(randomIp(), email, "wrong password").expectStatus().isEqualTo(429);
    }

    /** Moves the shared clock to a fresh one-minute window, so a test's attempts never straddle two windows. */
    private void startOfWindow() {
        long millis = clock.instant().toEpochMilli();
        clock.advance(Duration.ofMillis(60_000 - millis % 60_000 + 1));
    }
}
