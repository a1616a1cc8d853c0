package io.gatekeep.api.sessions;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a session grants. {@code FULL}: the whole API. {@code MFA_CHALLENGE}: nothing but {@code POST /api/v1/auth/mfa},
 * where its token travels in the body (it is never accepted as a bearer token). {@code MFA_SETUP}: only the MFA setup
 * endpoints and {@code GET /api/v1/me} (a member of an organization enforcing MFA who has none yet).
 */
public enum SessionKind {
    FULL,
    MFA_CHALLENGE,
    MFA_SETUP;

    /** The authority a session of this kind carries, e.g. {@code SESSION_FULL}. */
    public SimpleGrantedAuthority authority() {
        return new SimpleGrantedAuthority("SESSION_" + name());
    }
}
