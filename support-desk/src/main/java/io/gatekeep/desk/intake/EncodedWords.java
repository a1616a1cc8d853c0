package io.gatekeep.desk.intake;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * RFC 2047 encoded words, decoded by mime4j's {@link DecoderUtil}: adjacent words in one charset are joined before
 * decoding (senders split multi-byte characters across words) and the whitespace between encoded words is dropped.
 * A word in a charset Java does not know is read with the desk's fallback ({@link Charsets}: UTF-8 when that decodes
 * cleanly, ISO-8859-1 otherwise) and noted.
 */
final class EncodedWords {

    /** Only to name unknown charsets in the note; the decoding itself is mime4j's. */
    private static final Pattern CHARSET = Pattern.compile("=\\?([^?\\s]{1,80})\\?[QqBb]\\?");

    private EncodedWords() {}

    static String decode(String value, String where, List<String> notes) {
        if (value == null || !value.contains("=?")) {
            return value == null ? "" : value;
        }
        List<String> unknown = unknownCharsets(value);
        if (unknown.isEmpty()) {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        }
        Charset fallback = StandardCharsets.UTF_8;
        String text = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT, fallback);
        if (text.indexOf('\uFFFD') >= 0) {
            fallback = StandardCharsets.ISO_8859_1;
            text = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT, fallback);
        }
        for (String name : unknown) {
            notes.add(
                    "%s: charset '%s' unknown, read as %s".formatted(where, Charsets.printable(name), fallback.name()));
        }
        return text;
    }

    private static List<String> unknownCharsets(String value) {
        Matcher matcher = CHARSET.matcher(value);
        return matcher.results()
                .map(match -> match.group(1))
                .distinct()
                .filter(name -> Charsets.lookup(name).isEmpty())
                .toList();
    }
}
