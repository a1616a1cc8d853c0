package io.gatekeep.api.mfa.totp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30-second steps, accepting the previous, current and next step (±30 s of clock
 * skew). Codes are computed here (RFC 4226 truncation, a few lines) rather than by googleauth, which looked up a
 * {@code Mac} provider and decoded the base32 secret again for each of the three candidate steps of every sign-in;
 * each thread keeps one {@code Mac}, keyed once per check. The tests hold these codes to the RFC vectors, to
 * googleauth and to an independent implementation. Matching is ours because replay protection needs to know which
 * step matched. Thread-safe.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);
    /** Steps accepted either side of the current one. */
    public static final int SKEW_STEPS = 1;

    private static final String HMAC = "HmacSHA1";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    });

    private final Clock clock;
    private final int digits;
    private final long periodMillis = PERIOD.toMillis();

    public Totp(Clock clock) {
        this(clock, DIGITS);
    }

    /** Other digit counts exist only for the RFC's 8-digit test vectors. */
    Totp(Clock clock, int digits) {
        if (digits < 1 || digits >= POWERS_OF_TEN.length) {
            throw new IllegalArgumentException("Unsupported number of digits: " + digits);
        }
        this.clock = clock;
        this.digits = digits;
    }

    /** The RFC 6238 time step T = floor(unix seconds / 30) of the injected clock. */
    public long currentStep() {
        return Math.floorDiv(clock.millis(), periodMillis);
    }

    /** The code for {@code step}, zero-padded to the configured digits. */
    public String codeAt(TotpSecret secret, long step) {
        return new String(codeAt(keyed(secret), step), StandardCharsets.US_ASCII);
    }

    /**
     * Which accepted step {@code code} belongs to, if any. Input may contain spaces ("123 456"); anything else than
     * exactly six digits never matches. All three candidates are computed and compared in constant time so the
     * answer's timing says nothing about which step (or digit) was close. If a code happens to be valid for more than
     * one step, the current step wins, then the previous one.
     */
    public Optional<MatchedStep> match(TotpSecret secret, String code) {
        String candidate = code == null ? "" : code.replace(" ", "");
        boolean wellFormed = candidate.length() == digits && candidate.chars().allMatch(c -> c >= '0' && c <= '9');
        byte[] given = (wellFormed ? candidate : "x".repeat(digits)).getBytes(StandardCharsets.US_ASCII);
        Mac mac = keyed(secret);
        long now = currentStep();
        MatchedStep matched = null;
        for (int drift : new int[] {+1, -1, 0}) {
            byte[] expected = codeAt(mac, now + drift);
            if (MessageDigest.isEqual(expected, given)) {
                matched = new MatchedStep(now + drift, drift);
            }
        }
        return wellFormed ? Optional.ofNullable(matched) : Optional.empty();
    }

    /** This thread's {@code Mac}, keyed with {@code secret}; {@code doFinal} keeps the key for the next step. */
    private static Mac keyed(TotpSecret secret) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(secret.bytes(), HMAC));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("Unusable TOTP secret", e);
        }
        return mac;
    }

    /** RFC 4226 section 5.3: HMAC of the 8-byte counter, dynamic truncation, the low {@code digits} digits. */
    private byte[] codeAt(Mac mac, long step) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) step;
            step >>>= 8;
        }
        byte[] hash = mac.doFinal(counter);
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int code = binary % POWERS_OF_TEN[digits];
        byte[] ascii = new byte[digits];
        for (int i = digits - 1; i >= 0; i--) {
            ascii[i] = (byte) ('0' + code % 10);
            code /= 10;
        }
        return ascii;
    }
}
