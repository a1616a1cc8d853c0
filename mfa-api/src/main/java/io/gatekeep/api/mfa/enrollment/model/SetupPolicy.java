package io.gatekeep.api.mfa.enrollment.model;

import java.time.Duration;

/** How long a QR code and a setup session stay usable; both are counted from their own issue time. */
public record SetupPolicy(Duration qrValidity, Duration sessionValidity) {

    public static final Duration DEFAULT_QR_VALIDITY = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SESSION_VALIDITY = Duration.ofMinutes(3);

    public SetupPolicy {
        if (qrValidity.isNegative() || qrValidity.isZero() || sessionValidity.compareTo(qrValidity) < 0) {
            throw new IllegalArgumentException("Need 0 < qrValidity <= sessionValidity");
        }
    }

    public static SetupPolicy defaults() {
        return new SetupPolicy(DEFAULT_QR_VALIDITY, DEFAULT_SESSION_VALIDITY);
    }
}
