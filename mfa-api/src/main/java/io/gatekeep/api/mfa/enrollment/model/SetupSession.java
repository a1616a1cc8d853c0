package io.gatekeep.api.mfa.enrollment.model;

import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import java.time.Instant;
import java.util.UUID;

/**
 * One setup attempt. Immutable: each transition returns the next state and refuses, naming the current status, when
 * it is not allowed (callers reach transitions only through {@link Enrollment}, which checks first). The session
 * expires {@code sessionValidity} after {@code startedAt} whatever happens to its QR; a refreshed QR never outlives
 * the session. {@code revision} grows with every change so a store can update it optimistically.
 *
 * @param authSessionId the auth session (full or setup token) that started it; it ends when the setup expires
 * @param pendingSecret the secret behind the current QR, sealed; null once the session is final
 */
public record SetupSession(
        UUID id,
        UUID userId,
        UUID authSessionId,
        SetupStatus status,
        EncryptedSecret pendingSecret,
        Instant startedAt,
        Instant qrIssuedAt,
        Instant qrExpiresAt,
        Instant expiresAt,
        int revision) {

    public static SetupSession start(
            UUID id, UUID userId, UUID authSessionId, EncryptedSecret secret, Instant now, SetupPolicy policy) {
        Instant expiresAt = now.plus(policy.sessionValidity());
        return new SetupSession(
                id,
                userId,
                authSessionId,
                SetupStatus.PENDING,
                secret,
                now,
                now,
                earliest(now.plus(policy.qrValidity()), expiresAt),
                expiresAt,
                0);
    }

    /** The session may no longer be used at or after {@code expiresAt}: 2:59 is fine, 3:00 is not. */
    public boolean isExpiredAt(Instant now) {
        return status == SetupStatus.EXPIRED || status == SetupStatus.SUPERSEDED || !now.isBefore(expiresAt);
    }

    public boolean isQrExpiredAt(Instant now) {
        return !now.isBefore(qrExpiresAt);
    }

    SetupSession refreshQr(EncryptedSecret secret, Instant now, SetupPolicy policy) {
        requirePending("refresh the QR code");
        return new SetupSession(
                id,
                userId,
                authSessionId,
                status,
                secret,
                startedAt,
                now,
                earliest(now.plus(policy.qrValidity()), expiresAt),
                expiresAt,
                revision + 1);
    }

    SetupSession complete() {
        requirePending("complete");
        return finish(SetupStatus.COMPLETED);
    }

    /** Public because the worker's sweep and the API both end abandoned sessions. */
    public SetupSession expire() {
        requirePending("expire");
        return finish(SetupStatus.EXPIRED);
    }

    public SetupSession supersede() {
        requirePending("supersede");
        return finish(SetupStatus.SUPERSEDED);
    }

    private SetupSession finish(SetupStatus next) {
        return new SetupSession(
                id, userId, authSessionId, next, null, startedAt, qrIssuedAt, qrExpiresAt, expiresAt, revision + 1);
    }

    private void requirePending(String action) {
        if (status != SetupStatus.PENDING) {
            throw new IllegalStateException("Cannot " + action + " setup " + id + ": it is " + status);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
