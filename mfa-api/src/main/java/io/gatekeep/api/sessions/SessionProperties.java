package io.gatekeep.api.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl          how long a full session lasts after sign-in at most ({@code gatekeep.sessions.ttl}, default 12
 *                     hours)
 * @param idleTimeout  a session unused this long ends, whatever its TTL ({@code gatekeep.sessions.idle-timeout},
 *                     default 2 hours)
 * @param stepUpWindow how long a passed second factor opens the sensitive actions to a session
 *                     ({@code gatekeep.sessions.step-up-window}, default 15 minutes)
 */
@ConfigurationProperties("gatekeep.sessions")
public record SessionProperties(
        @DefaultValue("12h") Duration ttl,
        @DefaultValue("2h") Duration idleTimeout,
        @DefaultValue("15m") Duration stepUpWindow) {

    public SessionProperties {
        if (idleTimeout.compareTo(Duration.ofMinutes(2)) < 0) {
            // last_used_at is written at most once a minute, so a shorter timeout would end sessions in use
            throw new IllegalArgumentException("gatekeep.sessions.idle-timeout must be at least 2 minutes");
        }
    }
}
