package io.gatekeep.api.mfa.enrollment.model;

import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.Activated;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.AlreadyEnabled;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.InvalidCode;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.QrExpired;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.QrRefreshed;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.SessionExpired;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.Started;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.totp.MatchedStep;
import io.gatekeep.api.mfa.totp.OtpAuthUri;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.totp.TotpSecret;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The setup rules. Pure decisions on loaded state: the caller loads the session and whether MFA is already on,
 * checks the lockout first, then stores what the outcome says in one transaction with its event.
 */
public final class Enrollment {

    private final SetupPolicy policy;
    private final TotpSecretGenerator secrets;
    private final SecretCipher cipher;
    private final Totp totp;
    private final OtpAuthUri uris;
    private final QrCodeRenderer qr;
    private final SecureRandom random;
    private final Clock clock;

    public Enrollment(
            SetupPolicy policy,
            TotpSecretGenerator secrets,
            SecretCipher cipher,
            Totp totp,
            OtpAuthUri uris,
            QrCodeRenderer qr,
            SecureRandom random,
            Clock clock) {
        this.policy = policy;
        this.secrets = secrets;
        this.cipher = cipher;
        this.totp = totp;
        this.uris = uris;
        this.qr = qr;
        this.random = random;
        this.clock = clock;
    }

    public SetupOutcome.OnStart start(UUID userId, String email, UUID authSessionId, boolean mfaEnabled) {
        if (mfaEnabled) {
            return new AlreadyEnabled();
        }
        TotpSecret secret = secrets.generate();
        SetupSession session = SetupSession.start(
                UUID.randomUUID(), userId, authSessionId, cipher.encrypt(userId, secret), clock.instant(), policy);
        return new Started(session, material(session, email, secret));
    }

    public SetupOutcome.OnRefresh refreshQr(SetupSession session, String email, boolean mfaEnabled) {
        Instant now = clock.instant();
        Optional<SetupOutcome.Ended> ended = endedOrEnabled(session, mfaEnabled, now);
        if (ended.isPresent()) {
            return ended.get();
        }
        TotpSecret secret = secrets.generate();
        SetupSession refreshed = session.refreshQr(cipher.encrypt(session.userId(), secret), now, policy);
        return new QrRefreshed(refreshed, material(refreshed, email, secret));
    }

    public SetupOutcome.OnVerify verify(SetupSession session, String code, boolean mfaEnabled) {
        Instant now = clock.instant();
        Optional<SetupOutcome.Ended> ended = endedOrEnabled(session, mfaEnabled, now);
        if (ended.isPresent()) {
            return ended.get();
        }
        if (session.isQrExpiredAt(now)) {
            return new QrExpired(session.qrExpiresAt());
        }
        Optional<MatchedStep> matched = totp.match(cipher.decrypt(session.userId(), session.pendingSecret()), code);
        if (matched.isEmpty()) {
            return new InvalidCode();
        }
        RecoveryCode recoveryCode = RecoveryCode.generate(random);
        NewCredential credential = new NewCredential(
                UUID.randomUUID(),
                session.userId(),
                session.pendingSecret(),
                now,
                matched.get().step(),
                UUID.randomUUID(),
                recoveryCode.hash());
        return new Activated(session.complete(), credential, recoveryCode);
    }

    /** A completed session means MFA is on; a finished or timed-out one is expired, whatever MFA's state. */
    private Optional<SetupOutcome.Ended> endedOrEnabled(SetupSession session, boolean mfaEnabled, Instant now) {
        if (session.status() == SetupStatus.COMPLETED) {
            return Optional.of(new AlreadyEnabled());
        }
        if (session.status() != SetupStatus.PENDING) {
            return Optional.of(new SessionExpired(session, false));
        }
        if (session.isExpiredAt(now)) {
            return Optional.of(new SessionExpired(session.expire(), true));
        }
        return mfaEnabled ? Optional.of(new AlreadyEnabled()) : Optional.empty();
    }

    private SetupMaterial material(SetupSession session, String email, TotpSecret secret) {
        String uri = uris.forAccount(email, secret);
        return new SetupMaterial(
                uri, secret.manualEntryKey(), qr.pngDataUri(uri), session.qrExpiresAt(), session.expiresAt());
    }
}
