package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.sessions.InlineSecondFactor;
import io.gatekeep.api.sessions.SignInResponse;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The MFA step run inside a one-request sign-in: {@link MfaSignIn} with the challenge the password step just made. */
@Component
class InlineMfaStep implements InlineSecondFactor {

    private final MfaSignIn mfaSignIn;
    private final Clock clock;

    InlineMfaStep(MfaSignIn mfaSignIn, Clock clock) {
        this.mfaSignIn = mfaSignIn;
        this.clock = clock;
    }

    @Override
    public Mono<SignInResponse> redeem(String challengeToken, String code, String recoveryCode, String clientIp) {
        if (MfaSignInAnswers.given(code) == MfaSignInAnswers.given(recoveryCode)) {
            return MfaSignInAnswers.exactlyOneFactorRequired();
        }
        Mono<MfaSignInResult> result = MfaSignInAnswers.given(code)
                ? mfaSignIn.withCode(challengeToken, code, clientIp)
                : mfaSignIn.withRecoveryCode(challengeToken, recoveryCode, clientIp);
        return result.map(answer -> MfaSignInAnswers.response(answer, clock.instant()));
    }
}
