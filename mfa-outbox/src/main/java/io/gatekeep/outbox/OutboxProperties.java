package io.gatekeep.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Outbox relay settings ({@code gatekeep.outbox.*}). */
@ConfigurationProperties("gatekeep.outbox")
public record OutboxProperties(@DefaultValue Relay relay) {

    /**
     * @param enabled        whether this instance runs a relay thread (only one relay publishes at a time anyway)
     * @param pollInterval   pause between rounds when the last round did not fill a batch
     * @param batchSize      rows read and published per round
     * @param initialBackoff delay before the first retry of a row Kafka did not acknowledge; doubles per attempt
     * @param maxBackoff     cap of that delay, so that rows go out soon after a Kafka outage ends
     * @param sendTimeout    how long a round waits for Kafka's acknowledgements
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50ms") Duration pollInterval,
            @DefaultValue("500") int batchSize,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("15s") Duration sendTimeout) {
    }
}
