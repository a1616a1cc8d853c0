package io.gatekeep.api.mfa.secrets;

/**
 * A stored secret could not be opened: unknown key id, wrong key, or a ciphertext that was altered or moved to
 * another user. This is a fault (configuration or tampering), not a user error, so it is an exception. The message
 * names the key id only.
 */
public class SecretDecryptionException extends RuntimeException {

    SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
