package io.gatekeep.api.sessions;

import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.events.account.SessionsRevoked;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The account holder's own sessions: who is signed in where, and ending them. Nobody else sees or ends them. */
@RestController
@RequestMapping("/api/v1/me/sessions")
@Tag(name = "Sessions")
@SecurityRequirement(name = OpenApiDocs.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
class MySessionsController {

    private final Sessions sessions;
    private final SessionRevocations revocations;
    private final ClientIps clientIps;

    MySessionsController(Sessions sessions, SessionRevocations revocations, ClientIps clientIps) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.clientIps = clientIps;
    }

    @Schema(name = "Session", description = "A live signed-in session of the account")
    record SessionResponse(
            UUID id,
            Instant createdAt,

            @Schema(description = "Last request made with it (recorded to the minute)")
            Instant lastUsedAt,

            @Schema(
                    description = "When it ends at the latest (gatekeep.sessions.ttl); it ends "
                            + "earlier after gatekeep.sessions.idle-timeout without use")
            Instant expiresAt,

            @Schema(description = "Client address at sign-in")
            String clientIp,

            @Schema(description = "User-Agent at sign-in, as the client sent it")
            String userAgent,

            @Schema(description = "Whether a second factor was verified for it")
            boolean mfaVerified,

            @Schema(description = "True for the session making this request")
            boolean current) {

        static SessionResponse of(Sessions.SessionView view, UUID currentSessionId) {
            return new SessionResponse(
                    view.id(),
                    view.createdAt(),
                    view.lastUsedAt(),
                    view.expiresAt(),
                    view.clientIp(),
                    view.userAgent(),
                    view.mfaVerified(),
                    view.id().equals(currentSessionId));
        }
    }

    @Schema(name = "SessionList")
    record SessionList(
            @Schema(description = "Most recently used first")
            List<SessionResponse> sessions) {}

    @GetMapping
    @Operation(
            summary = "List your live sessions",
            description = "Every signed-in session of your account that has not ended (signed out, revoked, past "
                    + "its TTL, or idle longer than the idle timeout). current is true for the session making the "
                    + "request.")
    @ApiResponse(responseCode = "200", description = "Your sessions")
    Mono<SessionList> list(@AuthenticationPrincipal CurrentSession session) {
        return sessions.list(session.userId())
                .map(view -> SessionResponse.of(view, session.sessionId()))
                .collectList()
                .map(SessionList::new);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "End one of your sessions",
            description = "Its token stops working at once. Ending the current session signs you out. Recorded in "
                    + "your security log.")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(responseCode = "404", ref = OpenApiDocs.NOT_FOUND)
    Mono<Void> end(@PathVariable UUID id, @AuthenticationPrincipal CurrentSession session, ServerHttpRequest http) {
        return revocations
                .endOne(session.userId(), id, session.sessionId(), clientIps.of(http))
                .flatMap(ended -> ended
                        ? Mono.<Void>empty()
                        : Mono.error(ApiError.NOT_FOUND.exception("You have no live session with this id")));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "End all your other sessions",
            description = "Signs out everywhere except the session making this request (pending sign-in "
                    + "challenges included). Recorded in your security log.")
    @ApiResponse(responseCode = "204", description = "Every other session ended")
    Mono<Void> endOthers(@AuthenticationPrincipal CurrentSession session, ServerHttpRequest http) {
        return revocations
                .endAll(session.userId(), session.sessionId(), SessionsRevoked.Reason.USER_REQUEST, clientIps.of(http))
                .then();
    }
}
