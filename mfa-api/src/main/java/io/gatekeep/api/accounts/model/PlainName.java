package io.gatekeep.api.accounts.model;

/**
 * Organization and display names: at most {@value #MAX_LENGTH} characters once trimmed, not blank, and no control
 * characters, line or paragraph breaks or bidirectional overrides. Names go into email subjects and bodies and other
 * people's screens, so they must stay plain data that cannot start a new header line or disguise text.
 */
public final class PlainName {

    public static final int MAX_LENGTH = 100;
    public static final String DESCRIPTION = "Trimmed; 1-100 characters; no control characters or line breaks";

    private PlainName() {}

    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            return false;
        }
        return trimmed.codePoints().noneMatch(PlainName::isForbidden);
    }

    private static boolean isForbidden(int codePoint) {
        return Character.isISOControl(codePoint)
                || codePoint == '\u2028'
                || codePoint == '\u2029' // line and paragraph separators
                || (codePoint >= '\u202A' && codePoint <= '\u202E') // bidirectional embeddings, overrides
                || (codePoint >= '\u2066' && codePoint <= '\u2069'); // bidirectional isolates
    }
}
