package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Password and second factor in one {@code POST /api/v1/auth/sign-in}: the MFA step's answers and rules exactly, and
 * nothing about the factor is revealed or counted before the password is right.
 */
class OneRequestSignInIntegrationTest extends MfaHttpTest {

    @Test
    void passwordAndACurrentCodeSignInAtOnceWithTheTwoStepFormsEvents() {
        Enrolled user = enrolledOwner();
        String code = codeFor(user.secret());

        Map<String, Object> signedIn = oneRequest(user.email(), PASSWORD, code, null)
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(signedIn)
                .containsEntry("status", "AUTHENTICATED")
                .doesNotContainKey("challengeToken")
                .doesNotContainKey("mfaDisabled");
        String session = (String) signedIn.get("sessionToken");
        me(session).expectStatus().isOk().expectBody().jsonPath("$.mfaEnabled").isEqualTo(true);
        assertThat(jdbc.queryForObject("""
                select mfa_verified from auth_session where user_id = ? and kind = 'FULL'
                order by created_at desc limit 1""", Boolean.class, user.userId())).isTrue();
        assertThat(outboxRows("io.gatekeep.account.signed-in", user.userId()))
                .last()
                .satisfies(row -> assertThat(payload(row)).containsEntry("method", "TOTP"));
        assertThat(events("verification.succeeded", user.userId())).isEqualTo(1);
        assertThat(String.join("\n", outboxPayloads(user.userId())))
                .doesNotContain(user.secret())
                .doesNotContain("\"" + code + "\"")
                .doesNotContain(session);
        // no challenge is left usable behind a successful one-request sign-in
        assertThat(jdbc.queryForObject(
                        "select count(*) from auth_session where user_id = ? "
                                + "and kind = 'MFA_CHALLENGE' and revoked_at is null",
                        Integer.class,
                        user.userId()))
                .isZero();
    }

    @Test
    void aCodeAcceptedOnceIsRefusedTheSecondTimeInEitherForm() {
        Enrolled user = enrolledOwner();
        String code = codeFor(user.secret());
        oneRequest(user.email(), PASSWORD, code, null).expectStatus().isOk();

        oneRequest(user.email(), PASSWORD, code, null)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("code_already_used");
        submitCode(challenge(user), code)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("code_already_used");
    }

    @Test
    void attackerWithTheWrongPasswordLearnsNothingAboutTheCodeAndCostsTheOwnerNoLockout() {
        Enrolled user = enrolledOwner();
        String right = codeFor(user.secret());
        for (String code : new String[] {
            right,
            wrongCodeFor(right),
            wrongCodeFor(right),
            wrongCodeFor(right),
            wrongCodeFor(right),
            wrongCodeFor(right)
        }) {
            oneRequest(user.email(), "not the password", code, null)
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid_credentials");
        }
        assertThat(jdbc.queryForList(
                        "select consecutive_failures from mfa_lockout where user_id = ?", Integer.class, user.userId()))
                .allMatch(failures -> failures == 0);
        // the right code was never consumed by the attacker's attempts: the owner still signs in with it
        oneRequest(user.email(), PASSWORD, right, null).expectStatus().isOk();
    }

    @Test
    void wrongCodesCountTowardTheSameLockoutAsTheMfaStep() {
        Enrolled user = enrolledOwner();
        String wrong = wrongCodeFor(codeFor(user.secret()));
        for (int i = 1; i <= 4; i++) {
            oneRequest(user.email(), PASSWORD, wrong, null)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid_code");
        }
        oneRequest(user.email(), PASSWORD, wrong, null)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "900")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("locked_out");
        // the lock holds for the two-step form too, and a right code during it is refused
        submitCode(challenge(user), codeFor(user.secret())).expectStatus().isEqualTo(429);
        oneRequest(user.email(), PASSWORD, codeFor(user.secret()), null)
                .expectStatus()
                .isEqualTo(429);
        assertThat(events("verification.locked-out", user.userId())).isEqualTo(1);

        clock.advance(Duration.ofMinutes(15));
        nextStep();
        oneRequest(user.email(), PASSWORD, codeFor(user.secret()), null)
                .expectStatus()
                .isOk();
    }

    @Test
    void theRecoveryCodeInOneRequestTurnsMfaOffAsInTheMfaStep() {
        Enrolled user = enrolledOwner();
        Map<String, Object> signedIn = oneRequest(user.email(), PASSWORD, null, user.recoveryCode())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(signedIn).containsEntry("status", "AUTHENTICATED").containsEntry("mfaDisabled", true);
        assertThat(outboxRows("io.gatekeep.recovery.mfa-disabled", user.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "RECOVERY_CODE"));
        oneRequest(user.email(), PASSWORD, null, user.recoveryCode())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHENTICATED")
                .jsonPath("$.mfaDisabled")
                .doesNotExist();
    }

    @Test
    void underEnforcementTheRecoveryCodeLeadsStraightToSetup() {
        Enrolled user = enrolledOwner();
        enforceMfa(user.account().organizationId());
        oneRequest(user.email(), PASSWORD, null, user.recoveryCode())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("MFA_SETUP_REQUIRED")
                .jsonPath("$.mfaDisabled")
                .isEqualTo(true)
                .jsonPath("$.sessionToken")
                .doesNotExist();
    }

    @Test
    void withoutMfaTheFactorIsIgnoredAndEnforcementStillAsksForSetup() {
        Account owner = signedUpOwner();
        oneRequest(owner.email(), PASSWORD, "123456", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHENTICATED");

        Account member = member(owner, "MEMBER");
        enforceMfa(owner.organizationId());
        oneRequest(member.email(), PASSWORD, "123456", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("MFA_SETUP_REQUIRED")
                .jsonPath("$.sessionToken")
                .doesNotExist();
    }

    @Test
    void bothFactorsAtOnceAreABadRequestAndNothingIsChecked() {
        Enrolled user = enrolledOwner();
        oneRequest(user.email(), PASSWORD, codeFor(user.secret()), user.recoveryCode())
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed");
        // neither factor was used
        oneRequest(user.email(), PASSWORD, codeFor(user.secret()), null)
                .expectStatus()
                .isOk();
    }

    @Test
    void withoutAFactorTheAnswerIsTheTwoStepFormsFirstStep() {
        Enrolled user = enrolledOwner();
        assertThat(passwordStep(user.email()))
                .containsEntry("status", "MFA_REQUIRED")
                .containsKey("challengeToken");
    }

    @Test
    void aRightPasswordNeverCountsAgainstTheLimitsAndIsTakenBackExactlyOnce() {
        Enrolled user = enrolledOwner();
        oneRequest(user.email(), "not the password", codeFor(user.secret()), null)
                .expectStatus()
                .isUnauthorized();
        assertThat(accountHits(user)).as("a wrong password counts").isEqualTo(1);

        oneRequest(user.email(), PASSWORD, wrongCodeFor(codeFor(user.secret())), null)
                .expectStatus()
                .isEqualTo(422);
        assertThat(accountHits(user))
                .as("a right password with a wrong code: taken back once, not twice")
                .isEqualTo(1);

        oneRequest(user.email(), PASSWORD, codeFor(user.secret()), null)
                .expectStatus()
                .isOk();
        assertThat(accountHits(user)).as("a right password with a right code").isEqualTo(1);
    }

    /** Attacker story: a code seen over someone's shoulder, sent ten times at once with the password, opens once. */
    @Test
    void tenOneRequestSignInsWithOneCodeAtOnceLetExactlyOneIn() throws Exception {
        Enrolled user = enrolledOwner();
        String code = codeFor(user.secret());
        int sessionsBefore = fullSessions(user);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> oneRequest(user.email(), PASSWORD, code, null)
                        .returnResult(String.class)
                        .getStatus()
                        .value()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).allMatch(status -> status == 200 || status == 422 || status == 429);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fullSessions(user)).isEqualTo(sessionsBefore + 1);
        assertThat(events("verification.succeeded", user.userId())).isEqualTo(1);
    }

    private int fullSessions(Enrolled user) {
        return jdbc.queryForObject(
                "select count(*) from auth_session where user_id = ? and kind = 'FULL'", Integer.class, user.userId());
    }

    private int accountHits(Enrolled user) {
        return jdbc.queryForObject(
                "select coalesce(sum(hits), 0) from rate_limit_counter where bucket = ?",
                Integer.class,
                "sign-in:account:" + user.email().toLowerCase(Locale.ROOT));
    }

    private WebTestClient.ResponseSpec oneRequest(String email, String password, String code, String recoveryCode) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", password));
        if (code != null) {
            body.put("code", code);
        }
        if (recoveryCode != null) {
            body.put("recoveryCode", recoveryCode);
        }
        return post("/api/v1/auth/sign-in", body).exchange();
    }
}
