package io.gatekeep.api.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import com.warrenstrange.googleauth.GoogleAuthenticator;
import io.gatekeep.api.mfa.ReferenceTotp;
import io.gatekeep.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final Instant GENERATED_AT = Instant.parse("2026-03-01T10:15:07Z");

    private final MutableClock clock = new MutableClock(GENERATED_AT);
    private final Totp totp = new Totp(clock);
    private final TotpSecret secret = new TotpSecretGenerator().generate();
    private final String appCode = ReferenceTotp.code(secret.bytes(), GENERATED_AT);

    @Test
    void acceptsCodeFromAnIndependentImplementation() {
        assertThat(totp.match(secret, appCode)).contains(new MatchedStep(GENERATED_AT.getEpochSecond() / 30, 0));
    }

    @Test
    void acceptsCodeFromAnIndependentImplementationForManySecretsAndTimes() {
        TotpSecretGenerator generator = new TotpSecretGenerator();
        for (int i = 0; i < 200; i++) {
            TotpSecret another = generator.generate();
            Instant at = GENERATED_AT.plusSeconds(i * 17L);
            clock.set(at);
            assertThat(totp.match(another, ReferenceTotp.code(another.base32(), at)))
                    .isPresent();
        }
    }

    @ParameterizedTest(name = "server clock {0} s from the app")
    @ValueSource(ints = {-30, -1, 0, 1, 29, 30})
    void acceptsCodeWithinThirtySecondsOfSkew(int skewSeconds) {
        clock.advance(Duration.ofSeconds(skewSeconds));

        assertThat(totp.match(secret, appCode)).isPresent();
    }

    @ParameterizedTest(name = "server clock {0} s from the app")
    @ValueSource(ints = {-90, -61, 61, 90, 3600})
    void refusesCodeNinetySecondsOrMoreOff(int skewSeconds) {
        clock.advance(Duration.ofSeconds(skewSeconds));

        assertThat(totp.match(secret, appCode)).isEmpty();
    }

    @Test
    void reportsWhichStepMatched() {
        long appStep = GENERATED_AT.getEpochSecond() / 30;

        clock.set(GENERATED_AT.plusSeconds(30));
        assertThat(totp.match(secret, appCode)).contains(new MatchedStep(appStep, -1));

        clock.set(GENERATED_AT.minusSeconds(30));
        assertThat(totp.match(secret, appCode)).contains(new MatchedStep(appStep, +1));
    }

    @Test
    void acceptsCodeTypedWithASpace() {
        assertThat(totp.match(secret, appCode.substring(0, 3) + " " + appCode.substring(3)))
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12a456", "-12345", "١٢٣٤٥٦"})
    void refusesMalformedCodes(String code) {
        assertThat(totp.match(secret, code)).isEmpty();
    }

    @Test
    void refusesNullAndWrongCodes() {
        String wrong = String.format("%06d", (Integer.parseInt(appCode) + 1) % 1_000_000);

        assertThat(totp.match(secret, null)).isEmpty();
        assertThat(totp.match(secret, wrong)).isEmpty();
    }

    @Test
    void agreesWithGoogleauthsOwnAuthorization() {
        assertThat(new GoogleAuthenticator()
                        .authorize(secret.base32(), Integer.parseInt(appCode), GENERATED_AT.toEpochMilli()))
                .isTrue();
    }

    @Test
    void generatesDistinct160BitSecrets() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            TotpSecret generated = new TotpSecretGenerator().generate();
            assertThat(generated.bytes()).hasSize(20);
            assertThat(generated.base32()).hasSize(32).matches("[A-Z2-7]{32}");
            seen.add(generated.base32());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void groupsTheManualEntryKeyInFours() {
        TotpSecret rfc = TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

        assertThat(rfc.manualEntryKey()).isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assertThat(TotpSecret.fromBase32(rfc.manualEntryKey())).isEqualTo(rfc);
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(secret.toString()).doesNotContain(secret.base32()).contains("redacted");
    }
}
