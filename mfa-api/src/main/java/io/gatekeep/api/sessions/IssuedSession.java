package io.gatekeep.api.sessions;

import java.time.Instant;
import java.util.UUID;

/** A freshly created session. {@code token} is the only copy of the bearer token: hand it to the client, never log it. */
public record IssuedSession(UUID sessionId, UUID userId, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedSession[sessionId=" + sessionId + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
