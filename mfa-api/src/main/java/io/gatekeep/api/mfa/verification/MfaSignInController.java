package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.MfaOpenApi;
import io.gatekeep.api.sessions.SignInResponse;
import io.gatekeep.api.web.ClientIps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Sessions")
class MfaSignInController {

    private final MfaSignIn mfaSignIn;
    private final ClientIps clientIps;
    private final Clock clock;

    MfaSignInController(MfaSignIn mfaSignIn, ClientIps clientIps, Clock clock) {
        this.mfaSignIn = mfaSignIn;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    @Schema(name = "MfaSignInRequest", description = "The challenge and exactly one of code / recoveryCode")
    record MfaSignInRequest(
            @NotBlank @Size(max = 128) String challengeToken,
            @Size(max = 32) @Schema(example = "123456") String code,

            @Size(max = 64) @Schema(example = "7Q4K-2M9D-X3PA-RT6W-8HJN")
            String recoveryCode) {
        @Override
        public String toString() {
            return "MfaSignInRequest[]";
        }
    }

    @PostMapping("/api/v1/auth/mfa")
    @Operation(
            summary = "Second sign-in step: a code from the app, or the recovery code",
            description = "Redeems the challengeToken of an MFA_REQUIRED sign-in (valid 5 minutes, used once). A "
                    + "code answers AUTHENTICATED. The recovery code also turns MFA off (mfaDisabled: true) and "
                    + "answers AUTHENTICATED, or MFA_SETUP_REQUIRED with a setup token when an organization enforces "
                    + "MFA. Wrong codes count toward the lockout.")
    @ApiResponse(responseCode = "200", description = "Signed in (or, after the recovery code, set MFA up again)")
    @ApiResponse(responseCode = "401", ref = MfaOpenApi.CHALLENGE_EXPIRED)
    @ApiResponse(responseCode = "422", ref = MfaOpenApi.SIGN_IN_CODE_REFUSED)
    @ApiResponse(responseCode = "429", ref = MfaOpenApi.LOCKED_OUT)
    Mono<SignInResponse> verify(@Valid @RequestBody MfaSignInRequest request, ServerHttpRequest http) {
        boolean hasCode = MfaSignInAnswers.given(request.code());
        if (hasCode == MfaSignInAnswers.given(request.recoveryCode())) {
            return MfaSignInAnswers.exactlyOneFactorRequired();
        }
        String clientIp = clientIps.of(http);
        Mono<MfaSignInResult> result = hasCode
                ? mfaSignIn.withCode(request.challengeToken(), request.code(), clientIp)
                : mfaSignIn.withRecoveryCode(request.challengeToken(), request.recoveryCode(), clientIp);
        return result.map(answer -> MfaSignInAnswers.response(answer, clock.instant()));
    }
}
