package io.gatekeep.api.mfa.totp;

import com.warrenstrange.googleauth.GoogleAuthenticator;
import com.warrenstrange.googleauth.GoogleAuthenticatorConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30-second steps, accepting the previous, current and next step (±30 s of clock
 * skew). Codes are computed by googleauth; matching is ours because googleauth's {@code authorize} only answers
 * yes/no, while replay protection needs to know which step matched. Thread-safe.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);
    /** Steps accepted either side of the current one. */
    public static final int SKEW_STEPS = 1;

    private final Clock clock;
    private final int digits;
    private final long periodMillis = PERIOD.toMillis();
    private final GoogleAuthenticator authenticator;

    public Totp(Clock clock) {
        this(clock, DIGITS);
    }

    /** Other digit counts exist only for the RFC's 8-digit test vectors. */
    Totp(Clock clock, int digits) {
        this.clock = clock;
        this.digits = digits;
        this.authenticator = new GoogleAuthenticator(new GoogleAuthenticatorConfig.GoogleAuthenticatorConfigBuilder()
                .setTimeStepSizeInMillis(periodMillis)
                .setCodeDigits(digits)
                .setWindowSize(2 * SKEW_STEPS + 1)
                .setNumberOfScratchCodes(0)
                .build());
    }

    /** The RFC 6238 time step T = floor(unix seconds / 30) of the injected clock. */
    public long currentStep() {
        return Math.floorDiv(clock.millis(), periodMillis);
    }

    /** The code for {@code step}, zero-padded to the configured digits. */
    public String codeAt(TotpSecret secret, long step) {
        return codeAt(secret.base32(), step);
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
        String base32 = secret.base32();
        long now = currentStep();
        MatchedStep matched = null;
        for (int drift : new int[] {+1, -1, 0}) {
            byte[] expected = codeAt(base32, now + drift).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                matched = new MatchedStep(now + drift, drift);
            }
        }
        return wellFormed ? Optional.ofNullable(matched) : Optional.empty();
    }

    private String codeAt(String base32, long step) {
        int code = authenticator.getTotpPassword(base32, step * periodMillis);
        return String.format("%0" + digits + "d", code);
    }
}
