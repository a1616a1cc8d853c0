package io.gatekeep.worker.consuming;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a failing event is retried before it goes to the dead-letter topic ({@code gatekeep.worker.retry.*}).
 *
 * @param initialInterval first backoff, doubled per retry
 * @param maxInterval     backoff cap
 * @param maxRetries      retries after the first attempt
 */
@ConfigurationProperties("gatekeep.worker.retry")
record RetryProperties(
        @DefaultValue("500ms") Duration initialInterval,
        @DefaultValue("10s") Duration maxInterval,
        @DefaultValue("4") int maxRetries) {}
