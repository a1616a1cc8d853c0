package io.gatekeep.api.accounts.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsTwelveToOneHundredTwentyEightCharacters() {
        assertThat(PasswordPolicy.isAcceptable("abcdefghijkl")).isTrue();
        assertThat(PasswordPolicy.isAcceptable("ab".repeat(64))).isTrue();
        assertThat(PasswordPolicy.violations("abcdefghijk")).containsExactly("must have at least 12 characters");
        assertThat(PasswordPolicy.violations("ab".repeat(64) + "c"))
                .containsExactly("must have at most 128 characters");
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(PasswordPolicy.isAcceptable("😀😁".repeat(6))).isTrue();
        assertThat(PasswordPolicy.isAcceptable("😀😁".repeat(64))).isTrue();
    }

    @Test
    void refusesOneCharacterRepeated() {
        assertThat(PasswordPolicy.violations("zzzzzzzzzzzzzz"))
                .containsExactly("must not repeat one character throughout");
    }

    @Test
    void emailsAreComparedCaseInsensitively() {
        assertThat(EmailAddress.of("  Ada@Example.COM ").normalized()).isEqualTo("ada@example.com");
        assertThat(EmailAddress.isValid("ada@example")).isFalse();
        assertThat(EmailAddress.isValid("a da@example.com")).isFalse();
        assertThat(EmailAddress.isValid("ada@example.com")).isTrue();
    }
}
