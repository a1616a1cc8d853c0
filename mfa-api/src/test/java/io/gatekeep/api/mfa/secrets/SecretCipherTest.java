package io.gatekeep.api.mfa.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeep.api.mfa.totp.TotpSecret;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY_2025 = SecretKeyring.generateKeyBase64();
    private static final String KEY_2026 = SecretKeyring.generateKeyBase64();

    private final UUID alice = UUID.randomUUID();
    private final TotpSecret secret = new TotpSecretGenerator().generate();
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.fromBase64(Map.of("k2025", KEY_2025), "k2025"));

    @Test
    void decryptsWhatItEncrypted() {
        EncryptedSecret sealed = cipher.encrypt(alice, secret);

        assertThat(sealed.keyId()).isEqualTo("k2025");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(20 + 16);
        assertThat(cipher.decrypt(alice, sealed)).isEqualTo(secret);
    }

    @Test
    void usesAFreshNonceEveryTime() {
        EncryptedSecret first = cipher.encrypt(alice, secret);
        EncryptedSecret second = cipher.encrypt(alice, secret);

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void refusesCiphertextMovedToAnotherUser() {
        EncryptedSecret sealed = cipher.encrypt(alice, secret);

        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), sealed))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("k2025");
    }

    @Test
    void refusesAWrongKeyUnderTheSameId() {
        EncryptedSecret sealed = cipher.encrypt(alice, secret);
        SecretCipher impostor = new SecretCipher(SecretKeyring.fromBase64(Map.of("k2025", KEY_2026), "k2025"));

        assertThatThrownBy(() -> impostor.decrypt(alice, sealed)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesAnUnknownKeyId() {
        EncryptedSecret sealed = cipher.encrypt(alice, secret);
        SecretCipher other = new SecretCipher(SecretKeyring.fromBase64(Map.of("k2026", KEY_2026), "k2026"));

        assertThatThrownBy(() -> other.decrypt(alice, sealed))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("No key 'k2025'");
    }

    @Test
    void refusesTamperedCiphertext() {
        EncryptedSecret sealed = cipher.encrypt(alice, secret);
        byte[] flipped = sealed.ciphertext();
        flipped[3] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(alice, new EncryptedSecret("k2025", sealed.nonce(), flipped)))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void rotationSealsWithTheNewKeyAndStillOpensOldCiphertexts() {
        EncryptedSecret old = cipher.encrypt(alice, secret);
        SecretCipher rotated =
                new SecretCipher(SecretKeyring.fromBase64(Map.of("k2025", KEY_2025, "k2026", KEY_2026), "k2026"));

        EncryptedSecret fresh = rotated.encrypt(alice, secret);

        assertThat(fresh.keyId()).isEqualTo("k2026");
        assertThat(rotated.decrypt(alice, old)).isEqualTo(secret);
        assertThat(rotated.decrypt(alice, fresh)).isEqualTo(secret);
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecretKeyring.fromBase64(Map.of("k", shortKey), "k"))
                .withMessageContaining("256 bits");
    }

    @Test
    void refusesAnActiveKeyIdMissingFromTheKeyring() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecretKeyring.fromBase64(Map.of("k2025", KEY_2025), "k2026"));
    }

    @Test
    void doesNotEchoAMalformedKeyInItsError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecretKeyring.fromBase64(Map.of("k", "not*base64!"), "k"))
                .withMessageNotContaining("not*base64!");
    }

    @Test
    void developmentKeyringWorksAndGeneratesFreshKeys() {
        SecretCipher development = new SecretCipher(SecretKeyring.development("dev"));

        assertThat(development.decrypt(alice, development.encrypt(alice, secret)))
                .isEqualTo(secret);
        assertThat(Base64.getDecoder().decode(SecretKeyring.generateKeyBase64()))
                .hasSize(32);
        assertThat(SecretKeyring.generateKeyBase64()).isNotEqualTo(SecretKeyring.generateKeyBase64());
    }
}
