package io.gatekeep.api.mfa.credential.model;

import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import java.time.Instant;
import java.util.UUID;

/** A user's active (not revoked) credential; {@code lastUsedStep} is null until a code was accepted. */
public record ActiveCredential(UUID id, UUID userId, EncryptedSecret secret, Instant enabledAt, Long lastUsedStep) {}
