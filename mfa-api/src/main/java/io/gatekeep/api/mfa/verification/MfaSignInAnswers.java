package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.sessions.SignInResponse;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.Problem.FieldProblem;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/** What the MFA step answers, whether its factor came alone or with the password. */
final class MfaSignInAnswers {

    private MfaSignInAnswers() {}

    static boolean given(String factor) {
        return factor != null && !factor.isBlank();
    }

    /** A request must carry exactly one of the two factors. */
    static <T> Mono<T> exactlyOneFactorRequired() {
        return Mono.error(ApiError.VALIDATION_FAILED
                .exception()
                .withProperty(
                        "errors", List.of(new FieldProblem("code", "send exactly one of code and recoveryCode"))));
    }

    /** A session (flagged when the recovery code turned MFA off), or the refusal's problem. */
    static SignInResponse response(MfaSignInResult result, Instant now) {
        if (result instanceof MfaSignInResult.Passed passed) {
            SignInResponse response = SignInResponse.from(passed.outcome());
            return passed.mfaDisabled() ? response.withMfaDisabled() : response;
        }
        throw VerificationProblems.of(((MfaSignInResult.Refused) result).outcome(), now);
    }
}
