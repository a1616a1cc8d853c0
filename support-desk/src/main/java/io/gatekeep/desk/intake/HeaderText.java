package io.gatekeep.desk.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns raw header text (bytes read as ISO-8859-1, possibly folded) into clean Java strings. */
final class HeaderText {

    private HeaderText() {}

    /**
     * Header bytes arrive as ISO-8859-1 characters. RFC 6532 allows raw UTF-8 in headers, so when the bytes form valid
     * UTF-8 we read them as such; otherwise they stay ISO-8859-1 (every byte is a character, nothing is lost).
     */
    static String fromRawBytes(String latin1) {
        if (latin1.chars().allMatch(c -> c < 0x80) || latin1.chars().anyMatch(c -> c > 0xFF)) {
            return latin1; // plain ASCII, or already decoded text
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return strictUtf8(bytes) != null ? strictUtf8(bytes) : latin1;
    }

    /** The bytes as UTF-8, or null when they are not valid UTF-8. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Removes folding line breaks (RFC 5322 unfolding keeps the whitespace that follows them). */
    static String unfold(String value) {
        return value.replace("\r\n", "").replace("\n", "").replace("\r", "");
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
