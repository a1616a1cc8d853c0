package io.gatekeep.api.mfa.secrets;

import java.util.Arrays;

/**
 * A secret as stored: the id of the key that sealed it, the 96-bit GCM nonce and the ciphertext with its 128-bit tag.
 * Arrays are copied in and out so a stored value cannot be changed behind its back.
 */
public record EncryptedSecret(String keyId, byte[] nonce, byte[] ciphertext) {

    public EncryptedSecret {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("keyId must not be blank");
        }
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedSecret that
                && keyId.equals(that.keyId)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyId.hashCode() + Arrays.hashCode(nonce)) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "EncryptedSecret[keyId=" + keyId + "]";
    }
}
