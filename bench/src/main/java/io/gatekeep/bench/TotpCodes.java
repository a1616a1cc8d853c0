package io.gatekeep.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s), written independently of mfa-api's {@code Totp} so the benchmark also
 * checks that the API accepts codes from another implementation, as an authenticator app's would be.
 */
final class TotpCodes {

    private static final long PERIOD_MILLIS = 30_000;
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private TotpCodes() {}

    /** The code an authenticator app shows at {@code epochMillis}. */
    static String codeAt(byte[] secret, long epochMillis) {
        long step = Math.floorDiv(epochMillis, PERIOD_MILLIS);
        try {
            Mac mac = HMAC_SHA1.get();
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
