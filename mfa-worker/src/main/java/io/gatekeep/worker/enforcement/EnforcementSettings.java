package io.gatekeep.worker.enforcement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The enforcement fan-out ({@code gatekeep.enforcement.*}).
 *
 * @param notifications how fast notices are queued
 * @param fanOut        the background loop
 */
@ConfigurationProperties("gatekeep.enforcement")
record EnforcementSettings(
        @DefaultValue Notifications notifications,
        @DefaultValue FanOut fanOut) {

    /**
     * @param perSecond notices queued per second at most, 0 for no limit (the mail server's rate is the limit then)
     * @param batchSize members handled per transaction at most
     */
    record Notifications(
            @DefaultValue("0") int perSecond,
            @DefaultValue("500") int batchSize) {

        Notifications {
            if (perSecond < 0 || batchSize < 1) {
                throw new IllegalArgumentException("per-second must be >= 0 and batch-size >= 1");
            }
        }

        /** Throttled batches stay about one second's worth, so the pace is smooth rather than bursts. */
        int effectiveBatchSize() {
            return perSecond == 0 ? batchSize : Math.min(batchSize, perSecond);
        }
    }

    /**
     * @param enabled      whether this instance runs the fan-out loop (tests drive {@link FanOutJob} themselves)
     * @param pollInterval how often the loop looks for unfinished fan-outs (a new one also wakes it), e.g. those a
     *                     crashed worker left behind
     */
    record FanOut(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration pollInterval) {}
}
