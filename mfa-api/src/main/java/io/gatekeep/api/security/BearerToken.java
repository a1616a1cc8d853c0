package io.gatekeep.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** The raw bearer token of a request before it is resolved to a session. Never printed. */
final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return "bearer";
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
