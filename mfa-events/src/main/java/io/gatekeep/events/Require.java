package io.gatekeep.events;

import java.util.Objects;

/** The checks payload records make on construction; a failed one throws {@link IllegalArgumentException}. */
public final class Require {

    private Require() {}

    /** {@code value}, which must not be null. */
    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** {@code value}, which must be neither null nor blank. */
    public static String text(String value, String name) {
        if (present(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value}, which may be null but not blank. */
    public static String textOrNull(String value, String name) {
        return value == null ? null : text(value, name);
    }

    /** {@code value}, which must not be negative. */
    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /** Checks that exactly one of two values is present. */
    public static void exactlyOne(Object first, String firstName, Object second, String secondName) {
        if (Objects.isNull(first) == Objects.isNull(second)) {
            throw new IllegalArgumentException("exactly one of " + firstName + " and " + secondName + " is required");
        }
    }
}
