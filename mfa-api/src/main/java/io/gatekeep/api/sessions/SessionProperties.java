package io.gatekeep.api.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param ttl how long a full session lasts after sign-in ({@code gatekeep.sessions.ttl}, default 12 hours) */
@ConfigurationProperties("gatekeep.sessions")
public record SessionProperties(@DefaultValue("12h") Duration ttl) {
}
