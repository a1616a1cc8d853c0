package io.gatekeep.api.accounts.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The password rules, kept deliberately simple (NIST SP 800-63B style: length over composition rules):
 * 12 to 128 characters, and not one character repeated throughout.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    public static final String DESCRIPTION = "12 to 128 characters, not all the same character";

    private PasswordPolicy() {}

    /** The reasons {@code password} is refused; empty when it is acceptable. Never echoes the password. */
    public static List<String> violations(String password) {
        List<String> violations = new ArrayList<>();
        if (password == null) {
            violations.add("must not be empty");
            return violations;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            violations.add("must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            violations.add("must have at most " + MAX_LENGTH + " characters");
        }
        if (length > 0 && password.codePoints().distinct().count() == 1) {
            violations.add("must not repeat one character throughout");
        }
        return violations;
    }

    public static boolean isAcceptable(String password) {
        return violations(password).isEmpty();
    }
}
