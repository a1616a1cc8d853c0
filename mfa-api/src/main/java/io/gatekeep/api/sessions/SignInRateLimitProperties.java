package io.gatekeep.api.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed password attempts allowed per fixed window ({@code gatekeep.sign-in.rate-limit.*}). Successful sign-ins never
 * count. Emails count whether or not they have an account, so the limits reveal nothing about which accounts exist;
 * a client network is an IPv4 address or an IPv6 /64.
 *
 * @param perNetwork           failures from one client network, whatever the accounts (default 100)
 * @param perAccountAndNetwork failures for one account from one client network (default 10): someone guessing
 *                             elsewhere never refuses the owner signing in from their own network
 * @param perAccount           failures for one account from all networks together (default 200): the much higher
 *                             ceiling against guessing spread over many networks
 * @param window               the window length (default 15 minutes)
 */
@ConfigurationProperties("gatekeep.sign-in.rate-limit")
public record SignInRateLimitProperties(
        @DefaultValue("100") int perNetwork,
        @DefaultValue("10") int perAccountAndNetwork,
        @DefaultValue("200") int perAccount,
        @DefaultValue("15m") Duration window) {}
