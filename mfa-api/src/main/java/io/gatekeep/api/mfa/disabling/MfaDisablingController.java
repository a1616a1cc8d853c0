package io.gatekeep.api.mfa.disabling;

import io.gatekeep.api.mfa.MfaCodeRequest;
import io.gatekeep.api.mfa.MfaOpenApi;
import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.gatekeep.api.mfa.verification.VerificationProblems;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code DELETE /api/v1/me/mfa}: the user turns MFA off with a current code, from a recently verified session. */
@RestController
@RequestMapping("/api/v1/me/mfa")
@Tag(name = "MFA")
@SecurityRequirement(name = OpenApiDocs.BEARER)
class MfaDisablingController {

    /** The one refusal of its own; a refused code answers as any second-factor check does. */
    static final ApiError MFA_ENFORCED = new ApiError(
            HttpStatus.CONFLICT,
            "mfa_enforced",
            "An organization you belong to requires MFA, so it cannot be turned off");

    private final MfaDisabling disabling;
    private final StepUpGuard stepUp;
    private final ClientIps clientIps;
    private final Clock clock;

    MfaDisablingController(MfaDisabling disabling, StepUpGuard stepUp, ClientIps clientIps, Clock clock) {
        this.disabling = disabling;
        this.stepUp = stepUp;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Turn MFA off",
            description = "Needs a current code, from a session whose second factor was "
                    + "verified within the step-up window (403 mfa_step_up_required otherwise: POST /api/v1/auth/step-up). "
                    + "Refused while an organization of the user enforces MFA. Wrong codes count toward the lockout.")
    @ApiResponse(responseCode = "204", description = "MFA is off; the recovery code is void")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(responseCode = "403", ref = MfaOpenApi.STEP_UP_REQUIRED)
    @ApiResponse(responseCode = "409", ref = MfaOpenApi.MFA_DISABLE_CONFLICT)
    @ApiResponse(responseCode = "422", ref = MfaOpenApi.INVALID_CODE)
    @ApiResponse(responseCode = "429", ref = MfaOpenApi.LOCKED_OUT)
    Mono<Void> disable(
            @AuthenticationPrincipal CurrentSession session,
            @Valid @RequestBody MfaCodeRequest request,
            ServerHttpRequest http) {
        // checked before the code, so a session that must step up first spends no attempt
        return stepUp.requireIfMfa(session)
                .then(Mono.defer(() -> disabling.disable(session.userId(), request.code(), clientIps.of(http))))
                .flatMap(result -> {
                    if (result instanceof DisableResult.Disabled) {
                        return Mono.empty();
                    }
                    if (result instanceof DisableResult.Enforced) {
                        return Mono.error(MFA_ENFORCED.exception());
                    }
                    if (result instanceof DisableResult.NotEnabled) {
                        return Mono.error(VerificationProblems.MFA_NOT_ENABLED.exception());
                    }
                    return Mono.error(
                            VerificationProblems.of(((DisableResult.Refused) result).outcome(), clock.instant()));
                });
    }
}
