package io.gatekeep.api.passwords;

import io.gatekeep.api.accounts.ValidEmail;
import io.gatekeep.api.accounts.ValidPassword;
import io.gatekeep.api.accounts.model.PasswordPolicy;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.api.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Passwords")
class PasswordController {

    static final ApiError MFA_STEP_UP_REQUIRED = new ApiError(
            HttpStatus.FORBIDDEN,
            "mfa_step_up_required",
            "Your account has MFA: do this from a session verified with your second factor");

    private final PasswordResetService reset;
    private final PasswordChangeService change;
    private final ClientIps clientIps;

    PasswordController(PasswordResetService reset, PasswordChangeService change, ClientIps clientIps) {
        this.reset = reset;
        this.change = change;
        this.clientIps = clientIps;
    }

    @Schema(name = "PasswordResetRequest")
    record ResetRequest(
            @NotBlank @ValidEmail @Size(max = 320) String email) {}

    @Schema(name = "PasswordResetConfirmation")
    record ResetConfirmation(
            @Schema(description = "The token from the reset link") @NotBlank @Size(max = 256)
            String token,

            @Schema(description = PasswordPolicy.DESCRIPTION) @NotBlank @ValidPassword
            String newPassword) {
        @Override
        public String toString() {
            return "ResetConfirmation[]";
        }
    }

    @Schema(name = "PasswordChangeRequest")
    record ChangeRequest(
            @NotBlank @Size(max = 1024) String currentPassword,

            @Schema(description = PasswordPolicy.DESCRIPTION) @NotBlank @ValidPassword
            String newPassword) {
        @Override
        public String toString() {
            return "ChangeRequest[]";
        }
    }

    @Schema(name = "PasswordStatus")
    record StatusResponse(
            @Schema(allowableValues = {"RESET_REQUESTED", "PASSWORD_CHANGED"})
            String status) {}

    @PostMapping("/api/v1/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Ask for a password reset link",
            description = "Always 202, known address or not. An active account is emailed a reset link "
                    + "(<base-url>/reset-password?token=..., valid 1 hour, single use). Limited per client address "
                    + "and per email address.")
    @ApiResponse(responseCode = "202", description = "If the address has an account, a reset link is on its way")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "429", ref = OpenApiDocs.RATE_LIMITED)
    Mono<StatusResponse> requestReset(@Valid @RequestBody ResetRequest body, ServerHttpRequest http) {
        return reset.request(body.email().trim(), clientIps.of(http)).map(outcome -> {
            if (outcome instanceof PasswordResetService.Outcome.RateLimited limited) {
                throw ApiError.RATE_LIMITED.exception().withRetryAfter(limited.retryAfter());
            }
            return new StatusResponse("RESET_REQUESTED");
        });
    }

    @PostMapping("/api/v1/password-reset/confirm")
    @Operation(
            summary = "Set a new password with the token from a reset link",
            description = "Sets the password, ends every session of the account and emails the account that its "
                    + "password changed. MFA stays on: the next sign-in still asks for the second factor. Every reset "
                    + "link of the account stops working.")
    @ApiResponse(responseCode = "200", description = "Password changed; sign in again")
    @ApiResponse(
            responseCode = "400",
            description = "invalid_token (unknown or used), validation_failed",
            ref = OpenApiDocs.INVALID_TOKEN)
    @ApiResponse(responseCode = "410", description = "token_expired", ref = OpenApiDocs.GONE)
    Mono<StatusResponse> confirmReset(@Valid @RequestBody ResetConfirmation body, ServerHttpRequest http) {
        return reset.confirm(body.token().trim(), body.newPassword(), clientIps.of(http))
                .map(outcome -> {
                    if (outcome instanceof PasswordResetService.Outcome.Done) {
                        return new StatusResponse("PASSWORD_CHANGED");
                    }
                    if (outcome instanceof PasswordResetService.Outcome.TokenExpired) {
                        throw ApiError.TOKEN_EXPIRED.exception();
                    }
                    throw ApiError.INVALID_TOKEN.exception();
                });
    }

    @PutMapping("/api/v1/me/password")
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(
            summary = "Change the signed-in account's password",
            description = "Needs the current password; an account with MFA needs a session verified with the second "
                    + "factor. Ends the account's other sessions (this one stays) and emails the account. Limited per "
                    + "account.")
    @ApiResponse(responseCode = "200", description = "Password changed")
    @ApiResponse(
            responseCode = "400",
            description = "validation_failed (also: currentPassword is wrong)",
            ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(responseCode = "403", description = "mfa_step_up_required", ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "429", ref = OpenApiDocs.RATE_LIMITED)
    Mono<StatusResponse> changePassword(
            @Valid @RequestBody ChangeRequest body,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        return change.change(session, body.currentPassword(), body.newPassword(), clientIps.of(http))
                .map(outcome -> {
                    if (outcome instanceof PasswordChangeService.Outcome.Changed) {
                        return new StatusResponse("PASSWORD_CHANGED");
                    }
                    if (outcome instanceof PasswordChangeService.Outcome.SecondFactorRequired) {
                        throw MFA_STEP_UP_REQUIRED.exception();
                    }
                    if (outcome instanceof PasswordChangeService.Outcome.RateLimited limited) {
                        throw ApiError.RATE_LIMITED.exception().withRetryAfter(limited.retryAfter());
                    }
                    throw ApiError.VALIDATION_FAILED
                            .exception()
                            .withProperty(
                                    "errors",
                                    List.of(new Problem.FieldProblem(
                                            "currentPassword", "is not the account's current password")));
                });
    }
}
