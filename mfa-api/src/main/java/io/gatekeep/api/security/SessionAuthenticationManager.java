package io.gatekeep.api.security;

import io.gatekeep.api.sessions.SessionAuthentication;
import io.gatekeep.api.sessions.SessionKind;
import io.gatekeep.api.sessions.Sessions;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/** Resolves a bearer token to its live session; unknown, expired, revoked and challenge tokens fail alike. */
final class SessionAuthenticationManager implements ReactiveAuthenticationManager {

    /** A setup-only token whose setup session ran out: the setup endpoints answer {@code setup_session_expired}. */
    static final class ExpiredSetupToken extends BadCredentialsException {
        ExpiredSetupToken() {
            super("The setup session of this token has expired");
        }
    }

    private final Sessions sessions;

    SessionAuthenticationManager(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerToken bearer)) {
            return Mono.empty();
        }
        return sessions.resolve(bearer.token())
                // an MFA challenge proves only the password: it is redeemed in a request body, never a bearer token
                .filter(session -> session.kind() != SessionKind.MFA_CHALLENGE)
                .<Authentication>map(SessionAuthentication::new)
                .switchIfEmpty(Mono.defer(() -> sessions.isExpired(bearer.token(), SessionKind.MFA_SETUP)
                        .flatMap(expiredSetup -> Mono.error(
                                expiredSetup
                                        ? new ExpiredSetupToken()
                                        : new BadCredentialsException("No live session for this token")))));
    }
}
