package io.gatekeep.api.sessions;

import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.api.web.Problem.FieldProblem;
import io.gatekeep.events.account.SignedOut;
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
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Sessions")
class AuthController {

    private final SignInService signIn;
    private final Sessions sessions;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final ClientIps clientIps;
    private final InlineSecondFactor secondFactor;

    AuthController(
            SignInService signIn,
            Sessions sessions,
            OutboxWriter outbox,
            TransactionalOperator tx,
            ClientIps clientIps,
            InlineSecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.signIn = signIn;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
        this.clientIps = clientIps;
    }

    @Schema(
            name = "SignInRequest",
            description = "Email and password; for a one-request sign-in also the second "
                    + "factor: at most one of code and recoveryCode")
    record SignInRequest(
            @NotBlank @Size(max = 320) String email,
            @NotBlank @Size(max = 1024) String password,

            @Size(max = 32)
            @Schema(
                    example = "123456",
                    description = "A code from the authenticator "
                            + "app, checked only when the password is right and the account has MFA")
            String code,

            @Size(max = 64)
            @Schema(
                    example = "7Q4K-2M9D-X3PA-RT6W-8HJN",
                    description = "The recovery " + "code instead of a code (turns MFA off, as in the MFA step)")
            String recoveryCode) {
        boolean carriesFactor() {
            return code != null && !code.isBlank() || recoveryCode != null && !recoveryCode.isBlank();
        }

        @Override
        public String toString() {
            return "SignInRequest[]";
        }
    }

    @PostMapping("/sign-in")
    @Operation(
            summary = "Sign in with email and password",
            description = "Answers AUTHENTICATED with a session token, or (for users with MFA) MFA_REQUIRED / "
                    + "MFA_SETUP_REQUIRED. Only failed passwords count against the limits "
                    + "(gatekeep.sign-in.rate-limit.*): per account and client network (IPv4 address or IPv6 /64), "
                    + "per client network, and a much higher ceiling per account; a successful sign-in never counts. "
                    + "The client address is the connection's, or behind a trusted proxy "
                    + "(gatekeep.web.trusted-proxies) the one that proxy added to X-Forwarded-For. A full session "
                    + "ends after gatekeep.sessions.ttl, or sooner after gatekeep.sessions.idle-timeout without use. "
                    + "One-request sign-in: with code (or recoveryCode) as well, an account with MFA gets the MFA "
                    + "step's answer at once (AUTHENTICATED, or its 422 invalid_code / code_already_used, 429 "
                    + "locked_out …) under the same lockout, replay and enforcement rules and with the same events; "
                    + "the factor is looked at only after the password matched. Without MFA the factor is ignored "
                    + "and the answer is the password sign-in's.")
    @ApiResponse(responseCode = "200", description = "Signed in, or a second step is required")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(
            responseCode = "422",
            description = "One-request sign-in: the code was refused (invalid_code, "
                    + "code_already_used, …), as in the MFA step",
            ref = "#/components/responses/SignInCodeRefused")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.INVALID_CREDENTIALS)
    @ApiResponse(
            responseCode = "403",
            description = "email_not_verified: the right password of an unconfirmed signup",
            ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "429", ref = OpenApiDocs.RATE_LIMITED)
    Mono<SignInResponse> signIn(@Valid @RequestBody SignInRequest request, ServerHttpRequest http) {
        if (request.code() != null
                && !request.code().isBlank()
                && request.recoveryCode() != null
                && !request.recoveryCode().isBlank()) {
            return Mono.error(ApiError.VALIDATION_FAILED
                    .exception()
                    .withProperty(
                            "errors", List.of(new FieldProblem("code", "send at most one of code and recoveryCode"))));
        }
        String clientIp = clientIps.of(http);
        SignInAtOnce atOnce = request.code() == null || request.code().isBlank()
                ? null
                : (user, refund) -> secondFactor.completeAtOnce(user, request.code(), refund, clientIp);
        return signIn.signIn(request.email(), request.password(), clientIp, atOnce)
                .flatMap(outcome -> outcome instanceof SignInOutcome.MfaRequired required && request.carriesFactor()
                        ? secondFactor.redeem(
                                required.challengeToken(), request.code(), request.recoveryCode(), clientIp)
                        : Mono.just(SignInResponse.from(outcome)));
    }

    @PostMapping("/sign-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(summary = "End the current session", description = "Revokes the bearer token used for this call.")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    Mono<Void> signOut(@AuthenticationPrincipal CurrentSession session, ServerHttpRequest http) {
        String clientIp = clientIps.of(http);
        Mono<Void> work = sessions.revoke(session.sessionId())
                .filter(Boolean::booleanValue)
                .flatMap(revoked -> outbox.append(new SignedOut(session.userId(), session.sessionId(), clientIp)))
                .then();
        return tx.transactional(work);
    }
}
