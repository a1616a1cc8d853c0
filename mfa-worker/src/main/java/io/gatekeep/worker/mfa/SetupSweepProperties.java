package io.gatekeep.worker.mfa;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sweep of abandoned MFA setups ({@code gatekeep.worker.mfa.setup-sweep.*}).
 *
 * @param enabled   whether the background loop runs (tests call {@link SetupSweep#sweepExpired()} themselves)
 * @param interval  pause between sweeps
 * @param batchSize setups expired per transaction at most
 */
@ConfigurationProperties("gatekeep.worker.mfa.setup-sweep")
public record SetupSweepProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("500") int batchSize) {}
