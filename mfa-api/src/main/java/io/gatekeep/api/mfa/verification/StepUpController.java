package io.gatekeep.api.mfa.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatekeep.api.mfa.MfaOpenApi;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.api.web.Problem.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Sessions")
@SecurityRequirement(name = OpenApiDocs.BEARER)
class StepUpController {

    private final StepUp stepUp;
    private final ClientIps clientIps;
    private final Clock clock;

    StepUpController(StepUp stepUp, ClientIps clientIps, Clock clock) {
        this.stepUp = stepUp;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    @Schema(name = "StepUpRequest", description = "Exactly one of code / recoveryCode")
    record StepUpRequest(
            @Size(max = 32) @Schema(example = "123456") String code,

            @Size(max = 64) @Schema(example = "7Q4K-2M9D-X3PA-RT6W-8HJN")
            String recoveryCode) {
        @Override
        public String toString() {
            return "StepUpRequest[]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "StepUp")
    record StepUpResponse(
            @Schema(allowableValues = "VERIFIED") String status,

            @Schema(description = "When this session passed its second factor")
            Instant mfaVerifiedAt,

            @Schema(
                    description = "Sensitive actions are open to this session until then "
                            + "(gatekeep.sessions.step-up-window)")
            Instant stepUpExpiresAt,

            @Schema(
                    description = "True when it was the recovery code: MFA is off now and every other "
                            + "session of the account has ended")
            Boolean mfaDisabled) {}

    @PostMapping("/api/v1/auth/step-up")
    @Operation(
            summary = "Verify your second factor again for this session",
            description = "Sensitive actions (MFA enforcement, granting OWNER or MANAGE_ORG_ACCESS, removing or "
                    + "demoting an owner, turning MFA off, changing the password) need a second factor verified "
                    + "within the step-up window (gatekeep.sessions.step-up-window, default 15 minutes), else they "
                    + "answer 403 mfa_step_up_required. A code from the app re-verifies the current session. The same "
                    + "lockout and replay rules as at sign-in apply: a code that was used once (to sign in or to step "
                    + "up) is refused, and wrong codes count toward the lockout. The recovery code works as at "
                    + "sign-in: it turns MFA off (mfaDisabled: true) and ends every other session of the account.")
    @ApiResponse(responseCode = "200", description = "Verified: sensitive actions are open until stepUpExpiresAt")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(responseCode = "409", ref = MfaOpenApi.MFA_DISABLE_CONFLICT)
    @ApiResponse(responseCode = "422", ref = MfaOpenApi.SIGN_IN_CODE_REFUSED)
    @ApiResponse(responseCode = "429", ref = MfaOpenApi.LOCKED_OUT)
    Mono<StepUpResponse> stepUp(
            @AuthenticationPrincipal CurrentSession session,
            @Valid @RequestBody StepUpRequest request,
            ServerHttpRequest http) {
        boolean hasCode = request.code() != null && !request.code().isBlank();
        boolean hasRecoveryCode =
                request.recoveryCode() != null && !request.recoveryCode().isBlank();
        if (hasCode == hasRecoveryCode) {
            return Mono.error(ApiError.VALIDATION_FAILED
                    .exception()
                    .withProperty(
                            "errors", List.of(new FieldProblem("code", "send exactly one of code and recoveryCode"))));
        }
        String clientIp = clientIps.of(http);
        Mono<StepUpResult> result = hasCode
                ? stepUp.withCode(session, request.code(), clientIp)
                : stepUp.withRecoveryCode(session, request.recoveryCode(), clientIp);
        return result.map(this::response);
    }

    private StepUpResponse response(StepUpResult result) {
        if (result instanceof StepUpResult.Verified verified) {
            return new StepUpResponse(
                    "VERIFIED",
                    verified.verifiedAt(),
                    verified.validUntil(),
                    verified.mfaDisabled() ? Boolean.TRUE : null);
        }
        if (result instanceof StepUpResult.NotEnabled) {
            throw VerificationProblems.MFA_NOT_ENABLED.exception();
        }
        throw VerificationProblems.of(((StepUpResult.Refused) result).outcome(), clock.instant());
    }
}
