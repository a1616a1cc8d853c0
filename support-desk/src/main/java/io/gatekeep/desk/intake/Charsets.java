package io.gatekeep.desk.intake;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Charset lookup and decoding that never fails: unknown names fall back, malformed bytes become U+FFFD. */
final class Charsets {

    private Charsets() {}

    /** The Java charset for a MIME charset name (quotes, RFC 2231 language suffix and case tolerated). */
    static Optional<Charset> lookup(String mimeName) {
        if (mimeName == null) {
            return Optional.empty();
        }
        String name = mimeName.strip().replace("\"", "");
        int star = name.indexOf('*');
        if (star >= 0) {
            name = name.substring(0, star);
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(MimeUtility.javaCharset(name)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Decodes with replacement of malformed or unmappable input. */
    static String decode(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // unreachable with REPLACE, kept for safety
        }
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
        Charset guess = HeaderText.strictUtf8(bytes) != null ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        if (declared != null && !declared.isBlank()) {
            notes.add("%s: charset '%s' %s, read as %s".formatted(where, printable(declared),
                    charset.isPresent() ? "contradicted by 8-bit bytes" : "unknown", guess.name()));
        }
        return decode(bytes, guess);
    }

    private static boolean hasEightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** A short, safe rendering of a foreign name for a note. */
    static String printable(String value) {
        String single = HeaderText.singleLine(value);
        return (single.length() > 40 ? single.substring(0, 40) + "…" : single).toLowerCase(Locale.ROOT);
    }
}
