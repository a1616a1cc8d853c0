package io.gatekeep.desk.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Undoes a text body's Content-Transfer-Encoding with mime4j's decoders in their lenient mode: characters outside
 * the base64 alphabet are skipped, a malformed quoted-printable escape is kept as it was written. An unknown encoding
 * leaves the bytes as they are, and is noted.
 */
final class TransferDecoding {

    private TransferDecoding() {}

    /** @param encoding the Content-Transfer-Encoding without comments, lower-case; empty when absent */
    static byte[] decode(byte[] raw, String encoding, String where, List<String> notes) {
        return switch (encoding) {
            case "base64" ->
                readAll(new Base64InputStream(new ByteArrayInputStream(padded(raw)), DecodeMonitor.SILENT));
            case "quoted-printable" ->
                readAll(new QuotedPrintableInputStream(new ByteArrayInputStream(raw), DecodeMonitor.SILENT));
            case "", "7bit", "8bit", "binary" -> raw;
            default -> {
                notes.add(where + ": unknown transfer encoding '" + Charsets.printable(encoding) + "', kept as is");
                yield raw;
            }
        };
    }

    /**
     * The one hand-written piece of decoding: mime4j drops a last group that lacks its '=' padding ("ZS4" would lose
     * "e."), and some senders cut the padding, so the group is completed first. A lone trailing character carries no
     * whole byte and is still dropped.
     */
    private static byte[] padded(byte[] base64) {
        int symbols = 0;
        for (byte b : base64) {
            if (isBase64Symbol(b)) {
                symbols++;
            }
        }
        int missing = symbols % 4 == 2 ? 2 : symbols % 4 == 3 ? 1 : 0;
        if (missing == 0) {
            return base64;
        }
        byte[] completed = Arrays.copyOf(base64, base64.length + missing);
        Arrays.fill(completed, base64.length, completed.length, (byte) '=');
        return completed;
    }

    private static boolean isBase64Symbol(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
    }

    private static byte[] readAll(InputStream decoded) {
        try (decoded) {
            return decoded.readAllBytes();
        } catch (IOException e) {
            // in-memory source and a silent monitor: mime4j reports nothing as an error here
            throw new UncheckedIOException(e);
        }
    }
}
