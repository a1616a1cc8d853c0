package io.gatekeep.api.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signups (each sends an email) allowed per fixed window ({@code gatekeep.signup.rate-limit.*}), per client address
 * and per email address. Confirmation emails resent by sign-in attempts count against the client's limit too.
 */
@ConfigurationProperties("gatekeep.signup.rate-limit")
public record SignupRateLimitProperties(
        @DefaultValue("20") int perNetwork,
        @DefaultValue("5") int perAddress,
        @DefaultValue("1h") Duration window) {}
