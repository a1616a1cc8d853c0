package io.gatekeep.desk.intake;

import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.MimeUtil;

/** Turns header fields as mime4j reads them (raw bytes, possibly folded) into clean Java strings. */
final class HeaderText {

    private HeaderText() {}

    /** The field with its name trimmed and its {@link #value value}; encoded words are left as they are. */
    static Headers.Field of(Field field) {
        return new Headers.Field(field.getName().strip(), value(field));
    }

    /**
     * The bytes after the colon, unfolded and trimmed. RFC 6532 allows raw UTF-8 in headers, so valid UTF-8 is read as
     * such; anything else stays ISO-8859-1, where every byte is a character and nothing is lost. (mime4j's own
     * {@link Field#getBody()} reads every header as UTF-8 and would turn Latin-1 bytes into U+FFFD.)
     */
    static String value(Field field) {
        byte[] raw = field.getRaw().toByteArray();
        int start = valueStart(field.getRaw());
        String text = Charsets.utf8OrLatin1(raw, start, raw.length - start);
        return MimeUtil.unfold(text).strip();
    }

    /** Where the value begins in a raw field: after the first colon (a field name has none). */
    static int valueStart(ByteSequence raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.byteAt(i) == ':') {
                return i + 1;
            }
        }
        return raw.length();
    }

    /**
     * One line of display text: control characters (including CR and LF smuggled in through encoded words) become
     * spaces and runs of whitespace collapse, so the value can never inject a header or a line into a reply.
     */
    static String singleLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00A0') {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }
}
