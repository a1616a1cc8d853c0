package io.gatekeep.api.mfa.totp;

import java.nio.charset.StandardCharsets;

/**
 * Builds the Key Uri Format that authenticator apps scan:
 * {@code otpauth://totp/{issuer}:{email}?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30}.
 * Issuer and account are percent-encoded as UTF-8 (space as {@code %20}, never {@code +}; a {@code :} inside them
 * is encoded so it cannot be taken for the label separator); {@code @} stays readable as RFC 3986 allows.
 */
public final class OtpAuthUri {

    public static final String DEFAULT_ISSUER = "Gatekeep";

    private final String issuer;

    public OtpAuthUri(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("The otpauth issuer must not be blank");
        }
        this.issuer = issuer;
    }

    public OtpAuthUri() {
        this(DEFAULT_ISSUER);
    }

    public String issuer() {
        return issuer;
    }

    public String forAccount(String email, TotpSecret secret) {
        String encodedIssuer = encode(issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + encode(email)
                + "?secret=" + secret.base32()
                + "&issuer=" + encodedIssuer
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD.toSeconds();
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '@') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
