package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.sessions.InlineSecondFactor;
import io.gatekeep.api.sessions.SignInOutcome;
import io.gatekeep.api.sessions.SignInResponse;
import io.gatekeep.credentials.CarriedWrite;
import java.time.Clock;
import java.util.Optional;
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

    @Override
    public Mono<Optional<SignInOutcome.Authenticated>> completeAtOnce(
            UserAccount user, String code, CarriedWrite refund, String clientIp) {
        return mfaSignIn.atOnce(user.id(), code, refund, clientIp);
    }
}
