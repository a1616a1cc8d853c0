package io.gatekeep.api.mfa.verification.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.challenge.model.ChallengePolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepUpRuleTest {

    private static final Instant ENABLED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant SOON = ENABLED.plusSeconds(60);

    @Test
    void acceptsASessionVerifiedWithATotpCodeSinceMfaWasEnabled() {
        assertThat(StepUpRule.isSatisfied(ENABLED.plusSeconds(5), false, ENABLED, SOON, WINDOW))
                .isTrue();
        assertThat(StepUpRule.isSatisfied(ENABLED, false, ENABLED, SOON, WINDOW))
                .isTrue();
    }

    @Test
    void refusesSessionsFromBeforeMfaWasEnabled() {
        assertThat(StepUpRule.isSatisfied(null, false, ENABLED, SOON, WINDOW)).isFalse();
        assertThat(StepUpRule.isSatisfied(ENABLED.minusSeconds(1), false, ENABLED, SOON, WINDOW))
                .isFalse();
    }

    @Test
    void refusesSessionsObtainedWithTheRecoveryCode() {
        assertThat(StepUpRule.isSatisfied(ENABLED.plusSeconds(5), true, ENABLED, SOON, WINDOW))
                .isFalse();
    }

    @Test
    void refusesWhenMfaIsOff() {
        assertThat(StepUpRule.isSatisfied(ENABLED, false, null, SOON, WINDOW)).isFalse();
    }

    @Test
    void aPassLastsForTheStepUpWindow() {
        Instant verified = ENABLED.plus(Duration.ofDays(2));

        assertThat(StepUpRule.isSatisfied(
                        verified, false, ENABLED, verified.plus(WINDOW).minusSeconds(1), WINDOW))
                .isTrue();
        assertThat(StepUpRule.isSatisfied(verified, false, ENABLED, verified.plus(WINDOW), WINDOW))
                .isFalse();
    }

    @Test
    void anAccountWithoutMfaNeedsNoStepUpButOneWithMfaDoes() {
        assertThat(StepUpRule.isSatisfiedIfMfa(null, false, null, ENABLED, WINDOW))
                .isTrue();
        assertThat(StepUpRule.isSatisfiedIfMfa(null, false, ENABLED, ENABLED, WINDOW))
                .isFalse();
        assertThat(StepUpRule.isSatisfiedIfMfa(ENABLED, true, ENABLED, ENABLED, WINDOW))
                .isFalse();
    }

    @Test
    void challengeExpiresAfterFiveMinutes() {
        Instant expiresAt = ChallengePolicy.defaults().expiresAt(ENABLED);

        assertThat(ChallengePolicy.isExpired(expiresAt, null, ENABLED.plus(Duration.ofSeconds(299))))
                .isFalse();
        assertThat(ChallengePolicy.isExpired(expiresAt, null, ENABLED.plus(Duration.ofMinutes(5))))
                .isTrue();
        assertThat(ChallengePolicy.isExpired(expiresAt, ENABLED, ENABLED.plusSeconds(1)))
                .isTrue();
    }
}
