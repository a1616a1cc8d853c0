package io.gatekeep.api.sessions;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a session grants. {@code FULL}: the whole API. (MFA enforcement adds a setup-only kind; it then also extends the
 * {@code auth_session.kind} check constraint in its own migration.)
 */
public enum SessionKind {
    FULL;

    /** The authority a session of this kind carries, e.g. {@code SESSION_FULL}. */
    public SimpleGrantedAuthority authority() {
        return new SimpleGrantedAuthority("SESSION_" + name());
    }
}
