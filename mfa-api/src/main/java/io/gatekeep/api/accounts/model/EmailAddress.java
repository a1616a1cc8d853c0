package io.gatekeep.api.accounts.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address as typed (trimmed). Two addresses are the same account when their {@link #normalized()} forms
 * match: uniqueness is case-insensitive, like the {@code lower(email)} index.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 320;
    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by the invitation email.
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not an email address");
        }
    }

    public static EmailAddress of(String raw) {
        return new EmailAddress(raw == null ? "" : raw.trim());
    }

    public static boolean isValid(String raw) {
        if (raw == null) {
            return false;
        }
        String trimmed = raw.trim();
        return trimmed.length() >= 3
                && trimmed.length() <= MAX_LENGTH
                && SHAPE.matcher(trimmed).matches();
    }

    /** The form used for lookups and rate-limit buckets. */
    public String normalized() {
        return normalize(value);
    }

    public static String normalize(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
