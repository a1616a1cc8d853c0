package io.gatekeep.api.mfa.totp;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The shared HMAC key of an authenticator credential. Never logged: {@link #toString()} is redacted; the raw bytes
 * leave this object only to be encrypted at rest or shown once in the setup response.
 */
public final class TotpSecret {

    /** 160 bits, the HMAC-SHA1 block-size recommendation of RFC 4226 section 4 and what googleauth uses. */
    public static final int LENGTH_BYTES = 20;

    private final byte[] bytes;

    private TotpSecret(byte[] bytes) {
        if (bytes.length < 16) {
            throw new IllegalArgumentException("A TOTP secret needs at least 128 bits, got " + bytes.length * 8);
        }
        this.bytes = bytes.clone();
    }

    public static TotpSecret of(byte[] bytes) {
        return new TotpSecret(bytes);
    }

    public static TotpSecret fromBase32(String base32) {
        return new TotpSecret(Base32.decode(base32));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Upper-case RFC 4648 base32 without padding, as used in the otpauth URI. */
    public String base32() {
        return Base32.encode(bytes);
    }

    /** The base32 secret in groups of four for typing into an app by hand, e.g. {@code GEZD GNBV ...}. */
    public String manualEntryKey() {
        String base32 = base32();
        StringBuilder grouped = new StringBuilder(base32.length() + base32.length() / 4);
        for (int i = 0; i < base32.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(base32, i, Math.min(i + 4, base32.length()));
        }
        return grouped.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TotpSecret[redacted]";
    }
}
