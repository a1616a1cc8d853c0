package io.gatekeep.api.sessions;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated bearer session. Holds no token: only the session it resolved to. */
public final class SessionAuthentication extends AbstractAuthenticationToken {

    private final CurrentSession session;

    public SessionAuthentication(CurrentSession session) {
        super(List.of(session.kind().authority()));
        this.session = session;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public CurrentSession getPrincipal() {
        return session;
    }

    public CurrentSession session() {
        return session;
    }

    @Override
    public String getName() {
        return session.userId().toString();
    }
}
