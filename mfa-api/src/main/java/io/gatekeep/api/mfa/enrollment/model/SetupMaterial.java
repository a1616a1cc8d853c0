package io.gatekeep.api.mfa.enrollment.model;

import java.time.Instant;

/**
 * What the setup response shows the user: the only time the secret leaves the server. {@link #toString()} is
 * redacted so it cannot reach a log by accident.
 *
 * @param qrCodePng {@code data:image/png;base64,…} of exactly {@code otpauthUri}
 */
public record SetupMaterial(
        String otpauthUri, String manualEntryKey, String qrCodePng, Instant qrExpiresAt, Instant setupExpiresAt) {

    @Override
    public String toString() {
        return "SetupMaterial[qrExpiresAt=" + qrExpiresAt + ", setupExpiresAt=" + setupExpiresAt + "]";
    }
}
