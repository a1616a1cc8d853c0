package io.gatekeep.desk.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded-word decoding that never throws. Adjacent encoded words in one charset are joined before decoding
 * (senders split multi-byte characters across words); whitespace between encoded words is dropped as the RFC says;
 * an unknown charset falls back to UTF-8 or ISO-8859-1 and is noted.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([QqBb])\\?([^?\\s]*)\\?=");

    private EncodedWords() {}

    static String decode(String value, String where, List<String> notes) {
        if (value == null || !value.contains("=?")) {
            return value == null ? "" : value;
        }
        Matcher matcher = WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int textStart = 0;
        String runCharset = null;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        while (matcher.find()) {
            String gap = value.substring(textStart, matcher.start());
            boolean adjacent = runCharset != null && gap.isBlank();
            if (!adjacent || !matcher.group(1).equalsIgnoreCase(runCharset)) {
                flush(run, runCharset, out, where, notes);
                if (!adjacent) {
                    out.append(gap);
                }
                runCharset = matcher.group(1);
            }
            byte[] bytes = matcher.group(2).equalsIgnoreCase("B")
                    ? Base64Lenient.decode(matcher.group(3).getBytes(StandardCharsets.ISO_8859_1))
                    : qDecode(matcher.group(3));
            run.write(bytes, 0, bytes.length);
            textStart = matcher.end();
        }
        flush(run, runCharset, out, where, notes);
        out.append(value, textStart, value.length());
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream run, String charsetName, StringBuilder out, String where,
            List<String> notes) {
        if (run.size() == 0 && charsetName == null) {
            return;
        }
        byte[] bytes = run.toByteArray();
        run.reset();
        Optional<Charset> charset = Charsets.lookup(charsetName);
        out.append(charset.isPresent()
                ? Charsets.decode(bytes, charset.get())
                : Charsets.decodeDeclared(bytes, charsetName, where, notes));
    }

    /** The "Q" encoding: like quoted-printable, with underscore for space. */
    private static byte[] qDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=' && i + 2 < text.length() && MediaType.hex(text.charAt(i + 1)) >= 0
                    && MediaType.hex(text.charAt(i + 2)) >= 0) {
                bytes.write(MediaType.hex(text.charAt(i + 1)) * 16 + MediaType.hex(text.charAt(i + 2)));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(c < 0x100 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toByteArray();
    }
}
