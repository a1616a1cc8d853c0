package io.gatekeep.api.mfa.enrollment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.gatekeep.api.mfa.ReferenceTotp;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.Activated;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.AlreadyEnabled;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.InvalidCode;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.QrExpired;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.QrRefreshed;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.SessionExpired;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome.Started;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.OtpAuthUri;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EnrollmentTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final String EMAIL = "alice@example.com";

    private final MutableClock clock = new MutableClock(START);
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));
    private final Enrollment enrollment = new Enrollment(
            SetupPolicy.defaults(),
            new TotpSecretGenerator(),
            cipher,
            new Totp(clock),
            new OtpAuthUri(),
            new QrCodeRenderer(),
            new SecureRandom(),
            clock);
    private final UUID alice = UUID.randomUUID();
    private final UUID authSession = UUID.randomUUID();

    @Test
    void startsAPendingSessionWithAOneMinuteQrAndThreeMinuteSession() throws Exception {
        Started started = start();

        SetupSession session = started.session();
        assertThat(session.status()).isEqualTo(SetupStatus.PENDING);
        assertThat(session.userId()).isEqualTo(alice);
        assertThat(session.authSessionId()).isEqualTo(authSession);
        assertThat(started.material().qrExpiresAt()).isEqualTo(START.plusSeconds(60));
        assertThat(started.material().setupExpiresAt()).isEqualTo(START.plusSeconds(180));
        assertThat(started.material().otpauthUri()).startsWith("otpauth://totp/Gatekeep:alice@example.com?secret=");
        assertThat(qrText(started.material().qrCodePng()))
                .isEqualTo(started.material().otpauthUri());
        assertThat(started.material().manualEntryKey().replace(" ", ""))
                .isEqualTo(ReferenceTotp.secretOf(started.material().otpauthUri()));
        assertThat(cipher.decrypt(alice, session.pendingSecret()).base32())
                .isEqualTo(ReferenceTotp.secretOf(started.material().otpauthUri()));
    }

    @Test
    void refusesToStartWhenMfaIsAlreadyOn() {
        assertThat(enrollment.start(alice, EMAIL, authSession, true)).isInstanceOf(AlreadyEnabled.class);
    }

    @Test
    void activatesWithACodeFromTheScannedQrAt59Seconds() {
        Started started = start();
        clock.advance(Duration.ofSeconds(59));

        SetupOutcome.OnVerify outcome = enrollment.verify(started.session(), appCode(started.material()), false);

        assertThat(outcome).isInstanceOfSatisfying(Activated.class, activated -> {
            assertThat(activated.session().status()).isEqualTo(SetupStatus.COMPLETED);
            assertThat(activated.session().pendingSecret()).isNull();
            NewCredential credential = activated.credential();
            assertThat(credential.userId()).isEqualTo(alice);
            assertThat(credential.secret()).isEqualTo(started.session().pendingSecret());
            assertThat(credential.enabledAt()).isEqualTo(clock.instant());
            assertThat(credential.lastUsedStep()).isEqualTo(clock.instant().getEpochSecond() / 30);
            assertThat(activated.recoveryCode().formatted()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}");
            assertThat(credential
                            .recoveryCodeHash()
                            .matches(RecoveryCode.parse(activated.recoveryCode().formatted())
                                    .orElseThrow()))
                    .isTrue();
        });
    }

    @Test
    void rejectsCodeFromExpiredQrAt61Seconds() {
        Started started = start();
        clock.advance(Duration.ofSeconds(61));

        assertThat(enrollment.verify(started.session(), appCode(started.material()), false))
                .isEqualTo(new QrExpired(START.plusSeconds(60)));
    }

    @Test
    void refusesAWrongCode() {
        Started started = start();
        String right = appCode(started.material());
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);

        assertThat(enrollment.verify(started.session(), wrong, false)).isInstanceOf(InvalidCode.class);
    }

    @Test
    void refreshedQrIssuesANewSecretAndDiscardsTheOldOne() throws Exception {
        Started started = start();
        clock.advance(Duration.ofSeconds(61));

        QrRefreshed refreshed = (QrRefreshed) enrollment.refreshQr(started.session(), EMAIL, false);

        assertThat(refreshed.session().revision()).isEqualTo(1);
        assertThat(refreshed.material().qrExpiresAt()).isEqualTo(START.plusSeconds(121));
        assertThat(refreshed.material().setupExpiresAt()).isEqualTo(START.plusSeconds(180));
        assertThat(refreshed.material().otpauthUri())
                .isNotEqualTo(started.material().otpauthUri());
        assertThat(qrText(refreshed.material().qrCodePng()))
                .isEqualTo(refreshed.material().otpauthUri());
        assertThat(enrollment.verify(refreshed.session(), appCode(started.material()), false))
                .isInstanceOf(InvalidCode.class);
        assertThat(enrollment.verify(refreshed.session(), appCode(refreshed.material()), false))
                .isInstanceOf(Activated.class);
    }

    @Test
    void completesAt2Minutes59WithAFreshQr() {
        Started started = start();
        clock.advance(Duration.ofSeconds(150));
        QrRefreshed refreshed = (QrRefreshed) enrollment.refreshQr(started.session(), EMAIL, false);
        clock.advance(Duration.ofSeconds(29));

        assertThat(enrollment.verify(refreshed.session(), appCode(refreshed.material()), false))
                .isInstanceOf(Activated.class);
    }

    @Test
    void aQrRefreshedNearTheEndNeverOutlivesTheSession() {
        Started started = start();
        clock.advance(Duration.ofSeconds(170));

        QrRefreshed refreshed = (QrRefreshed) enrollment.refreshQr(started.session(), EMAIL, false);

        assertThat(refreshed.material().qrExpiresAt()).isEqualTo(START.plusSeconds(180));
    }

    @Test
    void expiresTheSessionAt3Minutes01() {
        Started started = start();
        clock.advance(Duration.ofSeconds(150));
        QrRefreshed refreshed = (QrRefreshed) enrollment.refreshQr(started.session(), EMAIL, false);
        clock.advance(Duration.ofSeconds(31));

        SetupOutcome.OnVerify outcome = enrollment.verify(refreshed.session(), appCode(refreshed.material()), false);

        assertThat(outcome).isInstanceOfSatisfying(SessionExpired.class, expired -> {
            assertThat(expired.justExpired()).isTrue();
            assertThat(expired.session().status()).isEqualTo(SetupStatus.EXPIRED);
            assertThat(expired.session().pendingSecret()).isNull();
            assertThat(expired.session().revision()).isEqualTo(2);
        });
        assertThat(enrollment.refreshQr(refreshed.session(), EMAIL, false)).isInstanceOf(SessionExpired.class);
    }

    @Test
    void answersSessionExpiredForASupersededOrSweptSession() {
        SetupSession superseded = start().session().supersede();
        SetupSession swept = start().session().expire();

        assertThat(enrollment.verify(superseded, "123456", false)).isEqualTo(new SessionExpired(superseded, false));
        assertThat(enrollment.refreshQr(swept, EMAIL, false)).isEqualTo(new SessionExpired(swept, false));
    }

    @Test
    void answersAlreadyEnabledForACompletedSessionOrWhenMfaIsOn() {
        Started started = start();
        Activated activated = (Activated) enrollment.verify(started.session(), appCode(started.material()), false);

        assertThat(enrollment.verify(activated.session(), appCode(started.material()), false))
                .isInstanceOf(AlreadyEnabled.class);
        assertThat(enrollment.verify(start().session(), "123456", true)).isInstanceOf(AlreadyEnabled.class);
        assertThat(enrollment.refreshQr(start().session(), EMAIL, true)).isInstanceOf(AlreadyEnabled.class);
    }

    @Test
    void transitionsNameTheCurrentStateWhenRefused() {
        SetupSession completed = start().session().expire();

        assertThatIllegalStateException().isThrownBy(completed::supersede).withMessageContaining("EXPIRED");
    }

    @Test
    void setupMaterialNeverPrintsTheSecret() {
        Started started = start();

        assertThat(started.material().toString())
                .doesNotContain(ReferenceTotp.secretOf(started.material().otpauthUri()))
                .doesNotContain("otpauth");
        assertThat(started.toString())
                .doesNotContain(ReferenceTotp.secretOf(started.material().otpauthUri()));
    }

    private Started start() {
        return (Started) enrollment.start(alice, EMAIL, authSession, false);
    }

    /** What the authenticator app shows now for the QR it scanned. */
    private String appCode(SetupMaterial material) {
        return ReferenceTotp.code(ReferenceTotp.secretOf(material.otpauthUri()), clock.instant());
    }

    private static String qrText(String dataUri) throws Exception {
        byte[] png = Base64.getDecoder().decode(dataUri.substring(QrCodeRenderer.DATA_URI_PREFIX.length()));
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(
                                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png))))),
                        // a rendered, undistorted image: the finder-pattern detector misreads about 1 in 200 of those
                        java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true))
                .getText();
    }
}
