package io.gatekeep.api.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Limits in the shared test context, on failed password attempts in a one-minute window: 8 per client network, 5 per
 * account from one network, 12 per account from all networks. The test client connects from a trusted proxy, so the
 * last X-Forwarded-For entry is the client address.
 */
class SignInRateLimitIntegrationTest extends ApiIntegrationTest {

    private WebTestClient.ResponseSpec attempt(String forwardedFor, String email, String password) {
        return web.post()
                .uri("/api/v1/auth/sign-in")
                .header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    @Test
    void limitsFailedAttemptsPerClientNetworkWhateverTheAccount() {
        startOfWindow();
        String ip = randomIp();
        for (int i = 0; i < 8; i++) {
            attempt(ip, uniqueEmail("guess"), "wrong password " + i)
                    .expectStatus()
                    .isUnauthorized();
        }
        attempt(ip, uniqueEmail("guess"), "wrong password")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        "Retry-After",
                        value -> assertThat(Integer.parseInt(value)).isBetween(1, 60))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");

        attempt(randomIp(), uniqueEmail("guess"), "wrong password")
                .expectStatus()
                .isUnauthorized();
    }

    /** Attacker story: someone guessing an owner's password from their network does not lock the owner out. */
    @Test
    void tenFailedPasswordsFromOneNetworkDoNotRefuseTheOwnersCorrectPasswordFromAnother() {
        startOfWindow();
        Account owner = signedUpOwner();
        String attacker = randomIp();
        for (int i = 0; i < 10; i++) {
            attempt(attacker, owner.email(), "wrong password " + i)
                    .expectStatus()
                    .value(status -> assertThat(status).isIn(401, 429));
        }
        attempt(attacker, owner.email(), PASSWORD)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");

        attempt(randomIp(), owner.email(), PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHENTICATED");
        assertThat(outboxRows("io.gatekeep.account.sign-in-failed", owner.userId()))
                .extracting(row -> payload(row).get("reason"))
                .containsExactly(
                        "BAD_PASSWORD",
                        "BAD_PASSWORD",
                        "BAD_PASSWORD",
                        "BAD_PASSWORD",
                        "BAD_PASSWORD",
                        "RATE_LIMITED",
                        "RATE_LIMITED",
                        "RATE_LIMITED",
                        "RATE_LIMITED",
                        "RATE_LIMITED",
                        "RATE_LIMITED");
    }

    @Test
    void successfulSignInsAreNeverCounted() {
        startOfWindow();
        Account owner = signedUpOwner();
        String ip = randomIp();
        for (int i = 0; i < 10; i++) {
            attempt(ip, owner.email(), PASSWORD).expectStatus().isOk();
        }
        for (int i = 0; i < 5; i++) {
            attempt(ip, owner.email(), "wrong password " + i).expectStatus().isUnauthorized();
        }
        attempt(ip, owner.email(), PASSWORD).expectStatus().isEqualTo(429);
    }

    @Test
    void aMuchHigherCeilingPerAccountHoldsAcrossNetworks() {
        startOfWindow();
        Account owner = signedUpOwner();
        for (int i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT; i++) {
            attempt(randomIp(), owner.email(), "wrong password " + i)
                    .expectStatus()
                    .isUnauthorized();
        }
        attempt(randomIp(), owner.email().toUpperCase(), PASSWORD)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");

        clock.advance(Duration.ofMinutes(1));
        attempt(randomIp(), owner.email(), PASSWORD).expectStatus().isOk();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        startOfWindow();
        Account owner = signedUpOwner();
        String prefix = "2001:db8:%x:%x:"
                .formatted(
                        ThreadLocalRandom.current().nextInt(0xffff),
                        ThreadLocalRandom.current().nextInt(0xffff));
        for (int i = 1; i <= 5; i++) {
            attempt(prefix + ":" + i, owner.email(), "wrong password " + i)
                    .expectStatus()
                    .isUnauthorized();
        }
        attempt(prefix + "abcd:1:2:3", owner.email(), PASSWORD).expectStatus().isEqualTo(429);

        attempt("2001:db8:ffff:fffe::1", owner.email(), PASSWORD).expectStatus().isOk();
    }

    /** Attacker story: writing X-Forwarded-For yourself does not move you to another rate-limit bucket. */
    @Test
    void aSpoofedForwardedForEntryDoesNotChangeTheLimitedAddress() {
        startOfWindow();
        Account owner = signedUpOwner();
        String realAddress = randomIp();
        for (int i = 0; i < 5; i++) {
            // the client wrote a fresh address each time; the trusted proxy appended the real one
            attempt(randomIp() + ", " + realAddress, owner.email(), "wrong password " + i)
                    .expectStatus()
                    .isUnauthorized();
        }
        attempt(randomIp() + ", " + realAddress, owner.email(), PASSWORD)
                .expectStatus()
                .isEqualTo(429);

        assertThat(outboxRows("io.gatekeep.account.sign-in-failed", owner.userId()))
                .extracting(row -> payload(row).get("clientIp"))
                .containsOnly(realAddress);
    }

    @Test
    void unknownAccountsAreLimitedLikeKnownOnes() {
        startOfWindow();
        String email = uniqueEmail("ghost");
        String ip = randomIp();
        for (int i = 0; i < 5; i++) {
            attempt(ip, email, "wrong password " + i).expectStatus().isUnauthorized();
        }
        attempt(ip, email, "wrong password").expectStatus().isEqualTo(429);
    }

    /** Moves the shared clock to a fresh one-minute window, so a test's attempts never straddle two windows. */
    private void startOfWindow() {
        long millis = clock.instant().toEpochMilli();
        clock.advance(Duration.ofMillis(60_000 - millis % 60_000 + 1));
    }
}
