package io.gatekeep.desk.agents;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/desk/sign-in {"username","password","code"}} → a bearer session for the agents' API;
 * {@code POST /api/v1/desk/sign-out} ends it. Refusals: 401 {@code invalid_credentials}, 429 {@code rate_limited} and
 * {@code locked_out} with {@code Retry-After}.
 */
@RestController
@RequestMapping("/api/v1/desk")
class AgentSessionController {

    record SignInRequest(String username, String password, String code) {}

    record SessionResponse(String token, String tokenType, Instant expiresAt) {}

    private final AgentSignIn signIn;
    private final AgentSessions sessions;
    private final Clock clock;

    AgentSessionController(AgentSignIn signIn, AgentSessions sessions, Clock clock) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.clock = clock;
    }

    @PostMapping("/sign-in")
    ResponseEntity<SessionResponse> signIn(@RequestBody SignInRequest body, HttpServletRequest request) {
        SignInResult result = signIn.signIn(body.username(), body.password(), body.code(), request.getRemoteAddr());
        if (result instanceof SignInResult.SignedIn signedIn) {
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new SessionResponse(signedIn.token(), "Bearer", signedIn.expiresAt()));
        }
        if (result instanceof SignInResult.RateLimited limited) {
            throw new DeskProblem(DeskProblem.Code.RATE_LIMITED, "too many sign-in attempts, try again later")
                    .retryAfter(limited.retryAfter().toSeconds() + 1);
        }
        if (result instanceof SignInResult.LockedOut locked) {
            long seconds = Math.max(
                    1, Duration.between(clock.instant(), locked.until()).toSeconds() + 1);
            throw new DeskProblem(
                            DeskProblem.Code.LOCKED_OUT,
                            "too many failed sign-ins in a row; locked until " + locked.until())
                    .retryAfter(seconds);
        }
        throw new DeskProblem(DeskProblem.Code.INVALID_CREDENTIALS, "wrong user name, password or code");
    }

    @PostMapping("/sign-out")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            sessions.revoke(header.substring(7).strip());
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
