package io.gatekeep.api.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * The session behind the current request: the principal of {@link SessionAuthentication}. Controllers get it with
 * {@code @AuthenticationPrincipal CurrentSession session}.
 *
 * @param mfaVerified whether the session was obtained with a second factor (for step-up checks)
 */
public record CurrentSession(
        UUID sessionId, UUID userId, SessionKind kind, boolean mfaVerified, Instant createdAt, Instant expiresAt) {}
