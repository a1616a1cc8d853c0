package io.gatekeep.api.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in attempts allowed per fixed window ({@code gatekeep.sign-in.rate-limit.*}). Every attempt counts, successful
 * or not, per client IP and per email (known or not, so the limit reveals nothing about which accounts exist).
 */
@ConfigurationProperties("gatekeep.sign-in.rate-limit")
public record SignInRateLimitProperties(@DefaultValue("100") int perIp, @DefaultValue("10") int perAccount,
                                        @DefaultValue("15m") Duration window) {
}
