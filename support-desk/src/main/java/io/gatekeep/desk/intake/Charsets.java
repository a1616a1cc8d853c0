package io.gatekeep.desk.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Text in a declared charset, decoded so that it never fails: mime4j looks the name up, unknown names fall back, and
 * malformed bytes become U+FFFD. The fallback is the desk's own rule, since mime4j has none beyond one fixed charset:
 * bytes that are valid UTF-8 are UTF-8 (what most mislabelled mail is), anything else ISO-8859-1 (every byte a
 * character, nothing lost).
 */
final class Charsets {

    private Charsets() {}

    /** The Java charset for a MIME charset name, aliases included; empty when Java has none. */
    static Optional<Charset> lookup(String mimeName) {
        if (mimeName == null || mimeName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CharsetUtil.lookup(mimeName.strip()));
    }

    /** Decodes with replacement of malformed or unmappable input. */
    static String decode(byte[] bytes, Charset charset) {
        return decode(bytes, 0, bytes.length, charset, CodingErrorAction.REPLACE);
    }

    /**
     * Decodes text in its declared charset. Without a usable declaration (absent, unknown, or US-ASCII contradicted by
     * 8-bit bytes) the bytes are read as UTF-8 when valid, as ISO-8859-1 otherwise; a broken declaration is noted.
     */
    static String decodeDeclared(byte[] bytes, String declared, String where, List<String> notes) {
        Optional<Charset> charset = lookup(declared);
        if (charset.isPresent() && !(charset.get().equals(StandardCharsets.US_ASCII) && hasEightBit(bytes))) {
            return decode(bytes, charset.get());
        }
        Charset guess = isUtf8(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        if (declared != null && !declared.isBlank()) {
            notes.add("%s: charset '%s' %s, read as %s"
                    .formatted(
                            where,
                            printable(declared),
                            charset.isPresent() ? "contradicted by 8-bit bytes" : "unknown",
                            guess.name()));
        }
        return decode(bytes, guess);
    }

    /** The bytes as UTF-8 when they are valid UTF-8, as ISO-8859-1 otherwise. */
    static String utf8OrLatin1(byte[] bytes, int offset, int length) {
        if (isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        String utf8 = decode(bytes, offset, length, StandardCharsets.UTF_8, CodingErrorAction.REPORT);
        return utf8 != null ? utf8 : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    static boolean isUtf8(byte[] bytes) {
        return decode(bytes, 0, bytes.length, StandardCharsets.UTF_8, CodingErrorAction.REPORT) != null;
    }

    /** Null when {@code onError} is REPORT and the bytes are not valid in the charset. */
    private static String decode(byte[] bytes, int offset, int length, Charset charset, CodingErrorAction onError) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(onError)
                    .onUnmappableCharacter(onError)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasEightBit(byte[] bytes) {
        return !isAscii(bytes, 0, bytes.length);
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A short, safe rendering of a foreign name for a note. */
    static String printable(String value) {
        String single = HeaderText.singleLine(value);
        return (single.length() > 40 ? single.substring(0, 40) + "…" : single).toLowerCase(Locale.ROOT);
    }
}
