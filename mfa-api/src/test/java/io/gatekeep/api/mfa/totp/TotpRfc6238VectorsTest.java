package io.gatekeep.api.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.ReferenceTotp;
import io.gatekeep.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B, SHA1 column: seed "12345678901234567890", T0 = 0, X = 30, 8 digits. */
class TotpRfc6238VectorsTest {

    private static final TotpSecret RFC_SEED =
            TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "T = {0} s → {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void totpProducesTheRfcVector(long unixSeconds, String expected) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(unixSeconds));
        Totp eightDigits = new Totp(clock, 8);

        assertThat(eightDigits.codeAt(RFC_SEED, eightDigits.currentStep())).isEqualTo(expected);
        assertThat(eightDigits.match(RFC_SEED, expected))
                .hasValueSatisfying(m -> assertThat(m.drift()).isZero());
    }

    @ParameterizedTest(name = "T = {0} s → {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void referenceImplementationProducesTheRfcVector(long unixSeconds, String expected) {
        assertThat(ReferenceTotp.code(RFC_SEED.bytes(), unixSeconds / 30, 8)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "T = {0} s")
    @CsvSource({"59", "1111111109", "1111111111", "1234567890", "2000000000", "20000000000"})
    void sixDigitCodesAreTheLastSixDigitsOfTheVector(long unixSeconds) {
        Totp totp = new Totp(new MutableClock(Instant.ofEpochSecond(unixSeconds)));
        String eight = ReferenceTotp.code(RFC_SEED.bytes(), unixSeconds / 30, 8);

        assertThat(totp.codeAt(RFC_SEED, totp.currentStep())).isEqualTo(eight.substring(2));
    }

    @Test
    void rfcSeedEncodesToItsWellKnownBase32() {
        assertThat(RFC_SEED.base32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(RFC_SEED);
    }
}
