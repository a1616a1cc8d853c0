package io.gatekeep.api.mfa.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepUpRuleTest {

    private static final Instant ENABLED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void acceptsASessionVerifiedWithATotpCodeSinceMfaWasEnabled() {
        assertThat(StepUpRule.isSatisfied(ENABLED.plusSeconds(5), false, ENABLED)).isTrue();
        assertThat(StepUpRule.isSatisfied(ENABLED, false, ENABLED)).isTrue();
    }

    @Test
    void refusesSessionsFromBeforeMfaWasEnabled() {
        assertThat(StepUpRule.isSatisfied(null, false, ENABLED)).isFalse();
        assertThat(StepUpRule.isSatisfied(ENABLED.minusSeconds(1), false, ENABLED)).isFalse();
    }

    @Test
    void refusesSessionsObtainedWithTheRecoveryCode() {
        assertThat(StepUpRule.isSatisfied(ENABLED.plusSeconds(5), true, ENABLED)).isFalse();
    }

    @Test
    void refusesWhenMfaIsOff() {
        assertThat(StepUpRule.isSatisfied(ENABLED, false, null)).isFalse();
    }

    @Test
    void challengeExpiresAfterFiveMinutes() {
        Instant expiresAt = ChallengePolicy.defaults().expiresAt(ENABLED);

        assertThat(ChallengePolicy.isExpired(expiresAt, null, ENABLED.plus(Duration.ofSeconds(299)))).isFalse();
        assertThat(ChallengePolicy.isExpired(expiresAt, null, ENABLED.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(ChallengePolicy.isExpired(expiresAt, ENABLED, ENABLED.plusSeconds(1))).isTrue();
    }
}
