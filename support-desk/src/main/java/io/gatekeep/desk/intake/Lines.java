package io.gatekeep.desk.intake;

import java.nio.charset.StandardCharsets;

/** Byte-level line helpers: a line ends at CRLF, LF or a lone CR (the most lenient reading is the safest to count). */
final class Lines {

    private Lines() {}

    /** Index of the first CR or LF at or after {@code pos}, or {@code end}. */
    static int lineEnd(byte[] raw, int pos, int end) {
        for (int i = pos; i < end; i++) {
            if (raw[i] == '\n' || raw[i] == '\r') {
                return i;
            }
        }
        return end;
    }

    /** Index of the line after the one ending at {@code lineEnd}. */
    static int next(byte[] raw, int lineEnd, int end) {
        if (lineEnd >= end) {
            return end;
        }
        return raw[lineEnd] == '\r' && lineEnd + 1 < end && raw[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
    }

    static boolean startsWith(byte[] raw, int pos, int end, String prefix) {
        if (end - pos < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[pos + i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] raw, int pos, int end, byte[] prefix) {
        if (end - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] raw, int pos, int end, byte b) {
        for (int i = pos; i < end; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String latin1(byte[] raw, int from, int to) {
        return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
