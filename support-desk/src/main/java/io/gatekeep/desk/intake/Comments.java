package io.gatekeep.desk.intake;

/**
 * Removes RFC 5322 comments from a decoded header value (Message-ID lists, Return-Path, Authentication-Results).
 * Hand-written on purpose: mime4j's {@code RawFieldParser} skips comments too, but it works on bytes and turns every
 * non-ASCII character into U+FFFD, so two Message-IDs that differ only there would share a dedupe key and the second
 * message would be dropped as a duplicate.
 */
public final class Comments {

    private Comments() {}

    /** The value without its (possibly nested) comments; quoted strings and their escapes are kept as written. */
    public static String strip(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                out.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
                quoted = c == '"';
            }
        }
        return out.toString();
    }
}
