package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class MfaSetupIntegrationTest extends MfaHttpTest {

    @Test
    void setupAnswersAnOtpauthUriWhoseQrCodeDecodesToItAndEnablesMfaWithACode() throws Exception {
        Account owner = signedUpOwner();
        Instant started = clock.instant();
        Map<String, Object> setup = startSetup(owner.token());

        String uri = (String) setup.get("otpauthUri");
        assertThat(uri)
                .startsWith("otpauth://totp/Gatekeep:" + owner.email().replace("@", "@") + "?secret=")
                .endsWith("&issuer=Gatekeep&algorithm=SHA1&digits=6&period=30");
        String secret = ReferenceTotp.secretOf(uri);
        assertThat(ReferenceTotp.base32Decode(secret)).hasSize(20);
        assertThat(((String) setup.get("manualEntryKey")).replace(" ", "")).isEqualTo(secret);
        assertThat(decodeQr((String) setup.get("qrCodePng"))).isEqualTo(uri);
        assertThat(Instant.parse((String) setup.get("qrExpiresAt"))).isEqualTo(started.plusSeconds(60));
        assertThat(Instant.parse((String) setup.get("setupExpiresAt"))).isEqualTo(started.plusSeconds(180));

        String recoveryCode = (String) verifySetup(owner.token(), codeFor(secret))
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody()
                .get("recoveryCode");
        assertThat(recoveryCode).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}");

        me(owner.token())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mfaEnabled")
                .isEqualTo(true)
                .jsonPath("$.mfaEnabledAt")
                .isNotEmpty()
                .jsonPath("$.mfaRequired")
                .isEqualTo(false);
        assertThat(events("enrollment.setup-started", owner.userId())).isEqualTo(1);
        assertThat(events("enrollment.mfa-enabled", owner.userId())).isEqualTo(1);
        assertThat(String.join("\n", outboxPayloads(owner.userId())))
                .doesNotContain(secret)
                .doesNotContain(recoveryCode)
                .doesNotContain(recoveryCode.replace("-", ""));
        byte[] stored = jdbc.queryForObject(
                "select secret_ciphertext from mfa_credential where user_id = ?", byte[].class, owner.userId());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);
    }

    @Test
    void startingSetupWhileMfaIsOnIsRefused() {
        Enrolled user = enrolledOwner();
        withBearer(
                        org.springframework.http.HttpMethod.POST,
                        "/api/v1/me/mfa/setup",
                        user.account().token(),
                        null)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_already_enabled");
    }

    @Test
    void acceptsACodeFromA59SecondOldQrCode() {
        Account owner = signedUpOwner();
        String secret =
                ReferenceTotp.secretOf((String) startSetup(owner.token()).get("otpauthUri"));
        clock.advance(Duration.ofSeconds(59));
        verifySetup(owner.token(), codeFor(secret)).expectStatus().isOk();
    }

    @Test
    void rejectsCodeFromExpiredQrAndAFreshQrReplacesTheSecret() {
        Account owner = signedUpOwner();
        String oldSecret =
                ReferenceTotp.secretOf((String) startSetup(owner.token()).get("otpauthUri"));
        clock.advance(Duration.ofSeconds(61));
        verifySetup(owner.token(), codeFor(oldSecret))
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("qr_expired");

        Map<String, Object> fresh = refreshQr(owner.token())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        String newSecret = ReferenceTotp.secretOf((String) fresh.get("otpauthUri"));
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(Instant.parse((String) fresh.get("qrExpiresAt")))
                .isEqualTo(clock.instant().plusSeconds(60));
        verifySetup(owner.token(), codeFor(oldSecret))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_code");
        verifySetup(owner.token(), codeFor(newSecret)).expectStatus().isOk();
        assertThat(events("enrollment.qr-refreshed", owner.userId())).isEqualTo(1);
        assertThat(outboxRows("io.gatekeep.verification.failed", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("reason", "INVALID_CODE")
                        .containsEntry("stage", "SETUP"));
    }

    @Test
    void setupSessionIsUsableAt2Minutes59() {
        Account owner = signedUpOwner();
        startSetup(owner.token());
        clock.advance(Duration.ofSeconds(120));
        String secret = ReferenceTotp.secretOf((String) refreshQr(owner.token())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody()
                .get("otpauthUri"));
        clock.advance(Duration.ofSeconds(59));
        verifySetup(owner.token(), codeFor(secret)).expectStatus().isOk();
    }

    @Test
    void setupSessionExpiresAfter3MinutesAndEndsTheSessionThatStartedIt() {
        Account owner = signedUpOwner();
        startSetup(owner.token());
        clock.advance(Duration.ofSeconds(120));
        String secret = ReferenceTotp.secretOf((String) refreshQr(owner.token())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody()
                .get("otpauthUri"));
        clock.advance(Duration.ofSeconds(61));

        verifySetup(owner.token(), codeFor(secret))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("setup_session_expired");

        me(owner.token()).expectStatus().isUnauthorized();
        Map<String, Object> setup =
                jdbc.queryForMap("select status, secret_ciphertext from mfa_setup where user_id = ?", owner.userId());
        assertThat(setup).containsEntry("status", "EXPIRED").containsEntry("secret_ciphertext", null);
        assertThat(events("enrollment.setup-expired", owner.userId())).isEqualTo(1);
        String again = signIn(owner.email(), PASSWORD);
        refreshQr(again)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("setup_session_expired");
        assertThat(events("enrollment.setup-expired", owner.userId())).isEqualTo(1);
        me(again).expectStatus().isOk().expectBody().jsonPath("$.mfaEnabled").isEqualTo(false);
    }

    @Test
    void turningMfaOffNeedsACurrentCode() {
        Enrolled user = enrolledOwner();
        String token = user.account().token();
        String code = codeFor(user.secret());
        disable(token, wrongCodeFor(code))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_code");
        disable(token, code).expectStatus().isNoContent();

        me(token).expectStatus().isOk().expectBody().jsonPath("$.mfaEnabled").isEqualTo(false);
        assertThat(outboxRows("io.gatekeep.recovery.mfa-disabled", user.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "USER_REQUEST"));
        assertThat(outboxRows("io.gatekeep.verification.failed", user.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("stage", "DISABLE"));
        disable(token, code)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_not_enabled");
        assertThat(passwordStep(user.email()).get("status")).isEqualTo("AUTHENTICATED");
    }

    @Test
    void mfaCannotBeTurnedOffWhileAnOrganizationEnforcesIt() {
        Enrolled user = enrolledOwner();
        enforceMfa(user.account().organizationId());
        disable(user.account().token(), codeFor(user.secret()))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_enforced");
        me(user.account().token())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mfaEnabled")
                .isEqualTo(true)
                .jsonPath("$.mfaRequired")
                .isEqualTo(true);
    }

    private static String decodeQr(String dataUri) throws Exception {
        assertThat(dataUri).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        // a rendered, undistorted image: the finder-pattern detector misreads about 1 in 200 of those
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true))
                .getText();
    }
}
