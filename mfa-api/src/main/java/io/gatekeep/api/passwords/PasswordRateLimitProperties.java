package io.gatekeep.api.passwords;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password limits per fixed window ({@code gatekeep.passwords.rate-limit.*}): reset emails asked per client address
 * and per email address (known or not), and password changes tried per account (a wrong current password counts).
 */
@ConfigurationProperties("gatekeep.passwords.rate-limit")
public record PasswordRateLimitProperties(
        @DefaultValue("20") int resetPerNetwork,
        @DefaultValue("5") int resetPerAddress,
        @DefaultValue("10") int changePerAccount,
        @DefaultValue("1h") Duration window) {}
