package io.gatekeep.api.mfa.recovery.model;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * A recovery code: 20 Crockford base32 characters (100 random bits), shown as {@code XXXX-XXXX-XXXX-XXXX-XXXX}.
 * Crockford's alphabet leaves out I, L, O and U, and its decoding rules let a user type {@code o} for 0 and
 * {@code i}/{@code l} for 1; input is case-, dash- and whitespace-insensitive. {@link #toString()} is redacted.
 */
public final class RecoveryCode {

    public static final int LENGTH = 20;
    public static final int ENTROPY_BITS = LENGTH * 5;
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int GROUP = 4;

    /** 20 symbols from the alphabet, upper case, no separators. */
    private final String canonical;

    private RecoveryCode(String canonical) {
        this.canonical = canonical;
    }

    public static RecoveryCode generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new RecoveryCode(code.toString());
    }

    /** The code a user typed, or empty when it cannot be one (wrong length or characters). */
    public static Optional<RecoveryCode> parse(String input) {
        if (input == null || input.length() > 64) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : input.toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char symbol = switch (Character.toUpperCase(c)) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> Character.toUpperCase(c);
            };
            if (ALPHABET.indexOf(symbol) < 0) {
                return Optional.empty();
            }
            canonical.append(symbol);
        }
        return canonical.length() == LENGTH ? Optional.of(new RecoveryCode(canonical.toString())) : Optional.empty();
    }

    /** The form shown to the user once: {@code XXXX-XXXX-XXXX-XXXX-XXXX}. */
    public String formatted() {
        StringBuilder out = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i += GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(canonical, i, i + GROUP);
        }
        return out.toString();
    }

    String canonical() {
        return canonical;
    }

    public RecoveryCodeHash hash() {
        return RecoveryCodeHash.of(this);
    }

    @Override
    public String toString() {
        return "RecoveryCode[redacted]";
    }
}
