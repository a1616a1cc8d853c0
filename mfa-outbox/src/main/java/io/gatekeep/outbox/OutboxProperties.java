package io.gatekeep.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Outbox relay settings ({@code gatekeep.outbox.*}). */
@ConfigurationProperties("gatekeep.outbox")
public record OutboxProperties(@DefaultValue Relay relay) {

    /**
     * @param enabled        whether this instance runs a relay thread (only one relay publishes at a time anyway)
     * @param pollInterval   how often the leading relay looks for rows when no commit in its own service woke it, and
     *                       how often a standby relay tries to take over
     * @param batchSize      rows read and sent at a time
     * @param maxBatchesInFlight batches sent ahead of Kafka's acknowledgements (1: wait for each batch before reading
     *                       the next)
     * @param initialBackoff delay before the first retry of a row Kafka did not acknowledge; doubles per attempt
     * @param maxBackoff     cap of that delay, so that rows go out soon after a Kafka outage ends
     * @param sendTimeout    how long the relay waits for Kafka's acknowledgement of a batch
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50ms") Duration pollInterval,
            @DefaultValue("500") int batchSize,
            @DefaultValue("4") int maxBatchesInFlight,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("15s") Duration sendTimeout) {

        public Relay {
            if (batchSize < 1 || maxBatchesInFlight < 1) {
                throw new IllegalArgumentException("batch-size and max-batches-in-flight must be at least 1");
            }
        }
    }
}
