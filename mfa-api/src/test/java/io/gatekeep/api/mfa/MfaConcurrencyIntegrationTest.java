package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.sessions.SessionTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under concurrency through HTTP: 50 submissions at the same instant of one valid code (or the recovery
 * code) sign in once. The atomic statements behind this are tested on the stores; this checks the whole request path.
 */
class MfaConcurrencyIntegrationTest extends MfaHttpTest {

    private static final int SUBMISSIONS = 50;

    @Test
    void fiftyParallelSubmissionsOfOneCodeOnOneChallengeSignInOnce() throws Exception {
        Enrolled user = enrolledOwner();
        String challenge = challenge(user);
        String code = codeFor(user.secret());

        List<Integer> statuses = concurrently(i -> submitCode(challenge, code));

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(authenticatedSessions(user.userId())).isEqualTo(1);
    }

    @Test
    void fiftyParallelSubmissionsOfOneCodeOnFiftyChallengesSignInOnce() throws Exception {
        Enrolled user = enrolledOwner();
        List<String> challenges = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            challenges.add(challengeInDatabase(user.userId()));
        }
        String code = codeFor(user.secret());

        List<Integer> statuses = concurrently(i -> submitCode(challenges.get(i), code));

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).allMatch(status -> status == 200 || status == 422 || status == 429);
        assertThat(authenticatedSessions(user.userId())).isEqualTo(1);
    }

    @Test
    void fiftyParallelSubmissionsOfTheRecoveryCodeSignInOnce() throws Exception {
        Enrolled user = enrolledOwner();
        List<String> challenges = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            challenges.add(challengeInDatabase(user.userId()));
        }

        List<Integer> statuses = concurrently(i -> submitRecoveryCode(challenges.get(i), user.recoveryCode()));

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(authenticatedSessions(user.userId())).isEqualTo(1);
        assertThat(events("recovery.recovery-code-used", user.userId())).isEqualTo(1);
        assertThat(events("recovery.mfa-disabled", user.userId())).isEqualTo(1);
    }

    /** A challenge as the password step creates it (50 password sign-ins would hit the per-account rate limit). */
    private String challengeInDatabase(UUID userId) {
        String token = SessionTokens.newToken();
        jdbc.update(
                """
                insert into auth_session (id, token_hash, user_id, kind, mfa_verified, created_at, expires_at)
                values (?, ?, ?, 'MFA_CHALLENGE', false, ?, ?)""",
                UUID.randomUUID(),
                SessionTokens.sha256(token),
                userId,
                Timestamp.from(clock.instant()),
                Timestamp.from(clock.instant().plus(Duration.ofMinutes(5))));
        return token;
    }

    /** MFA-verified sessions issued by a sign-in (the session that turned MFA on counts as verified too). */
    private int authenticatedSessions(UUID userId) {
        return jdbc.queryForObject("""
                select count(*) from auth_session s where user_id = ? and kind = 'FULL' and mfa_verified
                  and not exists (select 1 from mfa_setup m where m.auth_session_id = s.id)""", Integer.class, userId);
    }

    private List<Integer> concurrently(
            IntFunction<org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec> submission)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SUBMISSIONS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return submission
                            .apply(index)
                            .returnResult(Map.class)
                            .getStatus()
                            .value();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
