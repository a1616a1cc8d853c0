package io.gatekeep.desk.intake;

import java.io.ByteArrayOutputStream;

/**
 * Base64 decoding that never throws: characters outside the alphabet are skipped, padding closes the current group
 * (so separately encoded chunks that were concatenated still decode), and missing padding at the end is tolerated.
 */
final class Base64Lenient {

    private Base64Lenient() {}

    static byte[] decode(byte[] encoded) {
        return decode(encoded, 0, encoded.length);
    }

    static byte[] decode(byte[] encoded, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 3 / 4 + 3);
        int buffer = 0;
        int bits = 0;
        for (int i = offset; i < offset + length; i++) {
            int value = sextet(encoded[i]);
            if (value >= 0) {
                buffer = (buffer << 6) | value;
                bits += 6;
                if (bits >= 8) {
                    bits -= 8;
                    out.write((buffer >> bits) & 0xFF);
                    buffer &= (1 << bits) - 1;
                }
            } else if (encoded[i] == '=') {
                buffer = 0;
                bits = 0;
            }
        }
        return out.toByteArray();
    }

    private static int sextet(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        return b == '+' ? 62 : b == '/' ? 63 : -1;
    }
}
