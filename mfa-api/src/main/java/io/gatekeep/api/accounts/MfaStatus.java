package io.gatekeep.api.accounts;

import java.time.Instant;

/**
 * What {@code GET /api/v1/me} says about a user's MFA.
 *
 * @param required whether an organization of the user enforces MFA
 */
public record MfaStatus(boolean enabled, Instant enabledAt, boolean required) {

    public static final MfaStatus NONE = new MfaStatus(false, null, false);
}
