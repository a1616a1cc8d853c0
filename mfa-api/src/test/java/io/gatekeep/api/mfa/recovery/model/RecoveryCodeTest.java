package io.gatekeep.api.mfa.recovery.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodeTest {

    private static final String FORMAT = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}";

    private final SecureRandom random = new SecureRandom();

    @Test
    void isShownAsFiveGroupsOfFourCrockfordCharacters() {
        assertThat(RecoveryCode.generate(random).formatted()).matches(FORMAT);
    }

    @Test
    void carriesAtLeastEightyRandomBits() {
        assertThat(RecoveryCode.ALPHABET).hasSize(32);
        assertThat(RecoveryCode.ENTROPY_BITS).isEqualTo(100).isGreaterThanOrEqualTo(80);
    }

    @Test
    void drawsEverySymbolUniformlyAndNeverRepeatsACode() {
        Set<String> codes = new HashSet<>();
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            RecoveryCode code = RecoveryCode.generate(random);
            codes.add(code.formatted());
            code.canonical().chars().forEach(c -> counts.merge((char) c, 1, Integer::sum));
        }
        assertThat(codes).hasSize(2000);
        assertThat(counts).hasSize(32);
        // 40,000 symbols over 32 values: 1,250 expected each; ±20 % is far beyond random variation
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(1000, 1500));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ABCD-EFGH-JKMN-PQRS-TVWX",
                "abcd-efgh-jkmn-pqrs-tvwx",
                "ABCDEFGHJKMNPQRSTVWX",
                "  abcd efgh\tjkmn-PQRS tvwx ",
                "abcd--efgh-jkmn-pqrs-tvwx"
            })
    void readsInputCaseDashAndWhitespaceInsensitively(String typed) {
        assertThat(RecoveryCode.parse(typed))
                .hasValueSatisfying(code -> assertThat(code.formatted()).isEqualTo("ABCD-EFGH-JKMN-PQRS-TVWX"));
    }

    @Test
    void readsLettersThatLookLikeDigitsAsThoseDigits() {
        assertThat(RecoveryCode.parse("oOiI-lL00-1111-2222-3333"))
                .hasValueSatisfying(code -> assertThat(code.formatted()).isEqualTo("0011-1100-1111-2222-3333"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ABCD-EFGH-JKMN-PQRS-TVW",
                "ABCD-EFGH-JKMN-PQRS-TVWXY",
                "ABCD-EFGH-JKMN-PQRS-TVWU",
                "ABCD-EFGH-JKMN-PQRS-TVW!",
                "123456"
            })
    void refusesInputThatCannotBeACode(String typed) {
        assertThat(RecoveryCode.parse(typed)).isEmpty();
        assertThat(RecoveryCode.parse(null)).isEmpty();
    }

    @Test
    void hashesEveryWayOfTypingTheCodeAlike() {
        RecoveryCode issued = RecoveryCode.generate(random);
        RecoveryCode typed = RecoveryCode.parse(issued.formatted().toLowerCase().replace("-", " "))
                .orElseThrow();

        assertThat(typed.hash()).isEqualTo(issued.hash());
        assertThat(issued.hash().matches(typed)).isTrue();
        assertThat(issued.hash().bytes()).hasSize(32);
    }

    @Test
    void hashesDifferentCodesDifferently() {
        RecoveryCode issued = RecoveryCode.generate(random);

        assertThat(issued.hash().matches(RecoveryCode.generate(random))).isFalse();
    }

    @Test
    void restoresAStoredHash() {
        RecoveryCode issued = RecoveryCode.generate(random);

        assertThat(RecoveryCodeHash.fromBytes(issued.hash().bytes()).matches(issued))
                .isTrue();
    }

    @Test
    void neverPrintsTheCodeOrItsHash() {
        RecoveryCode issued = RecoveryCode.generate(random);

        assertThat(issued.toString()).doesNotContain(issued.canonical()).contains("redacted");
        assertThat(issued.hash().toString()).contains("redacted");
    }
}
