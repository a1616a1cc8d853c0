package io.gatekeep.desk.intake;

import java.io.ByteArrayOutputStream;

/** Quoted-printable decoding (RFC 2045 §6.7) that never throws: a malformed escape is kept as it was written. */
final class QuotedPrintable {

    private QuotedPrintable() {}

    static byte[] decode(byte[] encoded, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = encoded[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            int softBreak = softLineBreakEnd(encoded, i + 1, end);
            if (softBreak > 0) {
                i = softBreak - 1;
            } else if (i + 2 < end && hex(encoded[i + 1]) >= 0 && hex(encoded[i + 2]) >= 0) {
                out.write(hex(encoded[i + 1]) * 16 + hex(encoded[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** After '=', optional trailing whitespace then a line break makes a soft break; returns the index after it. */
    private static int softLineBreakEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        if (i < end && bytes[i] == '\r') {
            return i + 1 < end && bytes[i + 1] == '\n' ? i + 2 : i + 1;
        }
        if (i < end && bytes[i] == '\n') {
            return i + 1;
        }
        return i == end ? end : -1;
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
