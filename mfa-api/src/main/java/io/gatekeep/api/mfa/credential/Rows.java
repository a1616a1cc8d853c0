package io.gatekeep.api.mfa.credential;

import io.gatekeep.api.mfa.secrets.EncryptedSecret;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;

/** Column helpers shared by the stores. */
public final class Rows {

    private Rows() {}

    public static EncryptedSecret secret(Readable row) {
        String keyId = row.get("secret_key_id", String.class);
        return keyId == null
                ? null
                : new EncryptedSecret(keyId, bytes(row, "secret_nonce"), bytes(row, "secret_ciphertext"));
    }

    public static byte[] bytes(Readable row, String column) {
        ByteBuffer buffer = row.get(column, ByteBuffer.class);
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
