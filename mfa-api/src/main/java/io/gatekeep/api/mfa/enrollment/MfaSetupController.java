package io.gatekeep.api.mfa.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatekeep.api.mfa.MfaCodeRequest;
import io.gatekeep.api.mfa.MfaOpenApi;
import io.gatekeep.api.mfa.enrollment.model.SetupMaterial;
import io.gatekeep.api.mfa.verification.VerificationProblems;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me/mfa")
@Tag(name = "MFA")
@SecurityRequirement(name = OpenApiDocs.BEARER)
class MfaSetupController {

    private final EnrollmentService enrollment;
    private final ClientIps clientIps;
    private final Clock clock;

    MfaSetupController(EnrollmentService enrollment, ClientIps clientIps, Clock clock) {
        this.enrollment = enrollment;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    @Schema(name = "MfaSetup", description = "Shown once: the secret never leaves the server again")
    record SetupResponse(
            @Schema(
                    example = "otpauth://totp/Gatekeep:ada@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                            + "&issuer=Gatekeep&algorithm=SHA1&digits=6&period=30")
            String otpauthUri,

            @Schema(description = "The base32 secret in groups of four, for typing")
            String manualEntryKey,

            @Schema(description = "PNG of exactly otpauthUri, as a data:image/png;base64 URI")
            String qrCodePng,

            @Schema(description = "Codes are refused (410 qr_expired) from this instant")
            Instant qrExpiresAt,

            @Schema(description = "The whole setup ends (401 setup_session_expired) at this instant")
            Instant setupExpiresAt) {

        static SetupResponse of(SetupMaterial material) {
            return new SetupResponse(
                    material.otpauthUri(),
                    material.manualEntryKey(),
                    material.qrCodePng(),
                    material.qrExpiresAt(),
                    material.setupExpiresAt());
        }

        @Override
        public String toString() {
            return "SetupResponse[qrExpiresAt=" + qrExpiresAt + ", setupExpiresAt=" + setupExpiresAt + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MfaEnabled")
    record EnabledResponse(
            @Schema(description = "The one recovery code, shown once", example = "7Q4K-2M9D-X3PA-RT6W-8HJN")
            String recoveryCode,

            @Schema(
                    description = "AUTHENTICATED when the setup was done with a setup token",
                    allowableValues = "AUTHENTICATED")
            String status,

            @Schema(description = "The full session replacing the setup token")
            String sessionToken,

            Instant expiresAt) {

        @Override
        public String toString() {
            return "EnabledResponse[status=" + status + "]";
        }
    }

    @PostMapping("/setup")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Start setting up an authenticator app",
            description = "Starts a 3-minute setup session with a fresh 160-bit secret; its QR code is valid for 60 s. "
                    + "Works with a full session or a setup token (MFA_SETUP_REQUIRED). Starting again replaces a "
                    + "pending setup.")
    @ApiResponse(responseCode = "201", description = "Scan the QR code (or type manualEntryKey), then verify a code")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(responseCode = "409", ref = MfaOpenApi.MFA_CONFLICT)
    Mono<SetupResponse> start(@AuthenticationPrincipal CurrentSession session, ServerHttpRequest http) {
        return enrollment
                .start(session, clientIps.of(http))
                .onErrorMap(ConcurrentMfaChange.class, SetupProblems::of)
                .map(this::material);
    }

    @PostMapping("/setup/qr")
    @Operation(
            summary = "Replace the QR code",
            description = "A fresh secret and QR code (valid 60 s) within the same setup session; the previous "
                    + "secret stops working.")
    @ApiResponse(responseCode = "200", description = "The new QR code")
    @ApiResponse(responseCode = "401", ref = MfaOpenApi.SETUP_SESSION_EXPIRED)
    @ApiResponse(responseCode = "409", ref = MfaOpenApi.MFA_CONFLICT)
    Mono<SetupResponse> refreshQr(@AuthenticationPrincipal CurrentSession session, ServerHttpRequest http) {
        return enrollment
                .refreshQr(session, clientIps.of(http))
                .onErrorMap(ConcurrentMfaChange.class, SetupProblems::of)
                .map(this::material);
    }

    @PostMapping("/setup/verify")
    @Operation(
            summary = "Confirm the setup with a code from the app",
            description = "Activates MFA and answers the one recovery code. With a setup token, also a full session "
                    + "(status AUTHENTICATED) replacing the token. Wrong codes count toward the lockout.")
    @ApiResponse(responseCode = "200", description = "MFA is on; store the recovery code now")
    @ApiResponse(responseCode = "401", ref = MfaOpenApi.SETUP_SESSION_EXPIRED)
    @ApiResponse(responseCode = "409", ref = MfaOpenApi.MFA_CONFLICT)
    @ApiResponse(responseCode = "410", ref = MfaOpenApi.QR_EXPIRED)
    @ApiResponse(responseCode = "422", ref = MfaOpenApi.INVALID_CODE)
    @ApiResponse(responseCode = "429", ref = MfaOpenApi.LOCKED_OUT)
    Mono<EnabledResponse> verify(
            @AuthenticationPrincipal CurrentSession session,
            @Valid @RequestBody MfaCodeRequest request,
            ServerHttpRequest http) {
        return enrollment
                .verify(session, request.code(), clientIps.of(http))
                .onErrorMap(ConcurrentMfaChange.class, SetupProblems::of)
                .map(result -> {
                    if (result instanceof SetupResult.Enabled enabled) {
                        return enabled.signedIn() == null
                                ? new EnabledResponse(enabled.recoveryCode().formatted(), null, null, null)
                                : new EnabledResponse(
                                        enabled.recoveryCode().formatted(),
                                        "AUTHENTICATED",
                                        enabled.signedIn().session().token(),
                                        enabled.signedIn().session().expiresAt());
                    }
                    throw refusal(result);
                });
    }

    private SetupResponse material(SetupResult result) {
        if (result instanceof SetupResult.Material material) {
            return SetupResponse.of(material.material());
        }
        throw refusal(result);
    }

    private RuntimeException refusal(SetupResult result) {
        if (result instanceof SetupResult.Refused refused) {
            return SetupProblems.of(refused.reason());
        }
        if (result instanceof SetupResult.LockedOut locked) {
            return VerificationProblems.lockedOut(locked.lockout(), clock.instant());
        }
        if (result instanceof SetupResult.NoSetup) {
            return SetupProblems.SETUP_SESSION_EXPIRED.exception();
        }
        return new IllegalStateException(
                "Unexpected setup result " + result.getClass().getSimpleName());
    }
}
