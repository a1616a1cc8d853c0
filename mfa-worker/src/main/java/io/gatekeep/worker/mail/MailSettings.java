package io.gatekeep.worker.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing email settings ({@code gatekeep.mail.*}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from       the From address of every email
 * @param dispatcher the sending loop
 */
@ConfigurationProperties("gatekeep.mail")
public record MailSettings(
        @DefaultValue("Gatekeep <no-reply@gatekeep.local>") String from,
        @DefaultValue Dispatcher dispatcher) {

    /**
     * @param enabled        whether the background sending loops run
     * @param threads        sending loops per worker instance, each with its own SMTP connection
     * @param pollInterval   pause between looks for due emails (enqueuing also wakes the loop)
     * @param batchSize      emails claimed and sent over one SMTP connection per round at most
     * @param claimLease     how long a claimed batch is hidden from other instances while it is sent; a batch whose
     *                       sender died is sent again after it
     * @param initialBackoff delay before retrying a failed send; doubles per attempt
     * @param maxBackoff     cap of that delay
     */
    public record Dispatcher(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4") int threads,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("2m") Duration claimLease,
            @DefaultValue("10s") Duration initialBackoff,
            @DefaultValue("15m") Duration maxBackoff) {}
}
