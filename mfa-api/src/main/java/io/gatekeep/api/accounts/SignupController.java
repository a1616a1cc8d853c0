package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.PasswordPolicy;
import io.gatekeep.api.accounts.model.PlainName;
import io.gatekeep.api.sessions.SignInResponse;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Accounts")
class SignupController {

    private final SignupService signup;
    private final ClientIps clientIps;

    SignupController(SignupService signup, ClientIps clientIps) {
        this.signup = signup;
        this.clientIps = clientIps;
    }

    @Schema(name = "SignupRequest")
    record SignupRequest(
            @Schema(description = PlainName.DESCRIPTION) @NotBlank @ValidName
            String organizationName,

            @NotBlank @ValidEmail @Size(max = 320) String email,

            @Schema(description = PasswordPolicy.DESCRIPTION) @NotBlank @ValidPassword
            String password,

            @Schema(description = PlainName.DESCRIPTION) @NotBlank @ValidName
            String displayName) {
        @Override
        public String toString() {
            return "SignupRequest[organizationName=" + organizationName + "]";
        }
    }

    @Schema(name = "SignupResponse")
    record SignupResponse(
            @Schema(allowableValues = {"VERIFICATION_PENDING"})
            String status) {}

    @Schema(name = "SignupVerificationRequest")
    record VerifyRequest(
            @Schema(description = "The token from the confirmation link") @NotBlank @Size(max = 256)
            String token) {
        @Override
        public String toString() {
            return "VerifyRequest[]";
        }
    }

    @PostMapping("/api/v1/signup")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Ask for an organization and its owner account; the address must be confirmed",
            description = "Answers 202 VERIFICATION_PENDING for every well-formed request, whether or not the address "
                    + "has an account. An address without an active account is emailed a confirmation link "
                    + "(<base-url>/verify-email?token=..., valid 24 hours, single use); nothing can sign in until it "
                    + "is confirmed with POST /api/v1/signup/verify, and a later signup for the address replaces this "
                    + "one (its link stops working). An address that has an active account is emailed that it does, "
                    + "with pointers to sign-in and password reset; nothing is created. Limited per client address "
                    + "and per email address.")
    @ApiResponse(responseCode = "202", description = "A confirmation email (or an account notice) is on its way")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "429", ref = OpenApiDocs.RATE_LIMITED)
    Mono<SignupResponse> signUp(@Valid @RequestBody SignupRequest body, ServerHttpRequest http) {
        return signup.request(
                        body.organizationName().trim(),
                        body.email().trim(),
                        body.password(),
                        body.displayName().trim(),
                        clientIps.of(http))
                .map(outcome -> {
                    if (outcome instanceof SignupService.Requested.RateLimited limited) {
                        throw ApiError.RATE_LIMITED.exception().withRetryAfter(limited.retryAfter());
                    }
                    return new SignupResponse("VERIFICATION_PENDING");
                });
    }

    @PostMapping("/api/v1/signup/verify")
    @Operation(
            summary = "Confirm a signup with the token from its confirmation email",
            description = "Creates the account with the password chosen at signup and its organization (the account "
                    + "is its owner), and signs in: the answer is a sign-in's AUTHENTICATED with a session token.")
    @ApiResponse(responseCode = "200", description = "Confirmed and signed in")
    @ApiResponse(
            responseCode = "400",
            description = "invalid_token (unknown, replaced or used), validation_failed",
            ref = OpenApiDocs.INVALID_TOKEN)
    @ApiResponse(responseCode = "410", description = "token_expired", ref = OpenApiDocs.GONE)
    Mono<SignInResponse> verify(@Valid @RequestBody VerifyRequest body, ServerHttpRequest http) {
        return signup.confirm(body.token().trim(), clientIps.of(http)).map(outcome -> {
            if (outcome instanceof SignupService.Confirmed.SignedIn signedIn) {
                return SignInResponse.from(signedIn.session());
            }
            if (outcome instanceof SignupService.Confirmed.TokenExpired) {
                throw ApiError.TOKEN_EXPIRED.exception();
            }
            throw ApiError.INVALID_TOKEN.exception();
        });
    }
}
