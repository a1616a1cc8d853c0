package io.gatekeep.desk.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an approved reset waits ({@code gatekeep.desk.*}).
 *
 * @param resetDelay time between an approval and the reset, during which the requester or an owner may cancel it
 * @param resetSweepInterval how often due resets are looked for and released to the worker
 * @param cancelBaseUrl the origin of the cancel links in the notices: {@code <cancel-base-url>/desk/cancel?token=…}.
 *                      In production the public base URL of the API, where the web client serves that page and posts
 *                      the token to {@code POST /api/v1/desk/cancellations}
 */
@ConfigurationProperties("gatekeep.desk")
public record ResetProperties(
        @DefaultValue("24h") Duration resetDelay,
        @DefaultValue("15s") Duration resetSweepInterval,
        @DefaultValue("http://localhost:8080") String cancelBaseUrl) {

    public ResetProperties {
        if (resetDelay.isNegative()) {
            throw new IllegalStateException("gatekeep.desk.reset-delay must not be negative");
        }
    }
}
