package io.gatekeep.api.mfa.enrollment.model;

import io.gatekeep.api.mfa.recovery.model.RecoveryCodeHash;
import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import java.time.Instant;
import java.util.UUID;

/**
 * The credential to store when setup completes. {@code lastUsedStep} is the step of the setup code, so that code
 * cannot be replayed at sign-in.
 */
public record NewCredential(
        UUID id,
        UUID userId,
        EncryptedSecret secret,
        Instant enabledAt,
        long lastUsedStep,
        UUID recoveryCodeId,
        RecoveryCodeHash recoveryCodeHash) {}
