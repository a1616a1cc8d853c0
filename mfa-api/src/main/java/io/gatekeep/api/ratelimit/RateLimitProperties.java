package io.gatekeep.api.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention     counters of windows that started longer ago are deleted ({@code gatekeep.rate-limit.retention},
 *                      default 2 days: longer than any window a limit uses)
 * @param pruneInterval how often each API instance deletes them ({@code gatekeep.rate-limit.prune-interval}, default
 *                      10 minutes)
 */
@ConfigurationProperties("gatekeep.rate-limit")
public record RateLimitProperties(
        @DefaultValue("2d") Duration retention,
        @DefaultValue("10m") Duration pruneInterval) {}
