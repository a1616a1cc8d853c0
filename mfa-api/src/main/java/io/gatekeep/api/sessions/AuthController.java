package io.gatekeep.api.sessions;

import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.events.account.SignedOut;
import io.gatekeep.api.outbox.OutboxWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

    AuthController(SignInService signIn, Sessions sessions, OutboxWriter outbox, TransactionalOperator tx,
                   ClientIps clientIps) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
        this.clientIps = clientIps;
    }

    @Schema(name = "SignInRequest")
    record SignInRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "SignInRequest[]";
        }
    }

    @PostMapping("/sign-in")
    @Operation(summary = "Sign in with email and password",
            description = "Answers AUTHENTICATED with a session token, or (for users with MFA) MFA_REQUIRED / "
                    + "MFA_SETUP_REQUIRED. Only failed passwords count against the limits "
                    + "(gatekeep.sign-in.rate-limit.*): per account and client network (IPv4 address or IPv6 /64), "
                    + "per client network, and a much higher ceiling per account; a successful sign-in never counts. "
                    + "The client address is the connection's, or behind a trusted proxy "
                    + "(gatekeep.web.trusted-proxies) the one that proxy added to X-Forwarded-For. A full session "
                    + "ends after gatekeep.sessions.ttl, or sooner after gatekeep.sessions.idle-timeout without use.")
    @ApiResponse(responseCode = "200", description = "Signed in, or a second step is required")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.INVALID_CREDENTIALS)
    @ApiResponse(responseCode = "403", description = "email_not_verified: the right password of an unconfirmed signup",
            ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "429", ref = OpenApiDocs.RATE_LIMITED)
    Mono<SignInResponse> signIn(@Valid @RequestBody SignInRequest request, ServerHttpRequest http) {
        return signIn.signIn(request.email(), request.password(), clientIps.of(http)).map(SignInResponse::from);
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
