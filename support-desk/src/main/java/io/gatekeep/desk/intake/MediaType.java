package io.gatekeep.desk.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tolerant reading of {@code Content-Type} and {@code Content-Disposition} values (RFC 2045, RFC 2231 parameters):
 * never throws; a value that makes no sense reads as {@code text/plain}. The structure scan and the body walker both
 * use this one reading, so they always agree on boundaries.
 */
record MediaType(String type, Map<String, String> params) {

    static final MediaType TEXT_PLAIN = new MediaType("text/plain", Map.of());

    MediaType {
        params = Map.copyOf(params);
    }

    static MediaType parse(String value) {
        if (value == null) {
            return TEXT_PLAIN;
        }
        String[] segments = splitOutsideQuotes(stripComments(value.replace('\r', ' ').replace('\n', ' ')));
        String type = segments[0].strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            return TEXT_PLAIN;
        }
        return new MediaType(type, parameters(segments));
    }

    /** Parses a disposition: the "type" is {@code inline} or {@code attachment} (or whatever was written). */
    static MediaType parseDisposition(String value) {
        return value == null ? new MediaType("", Map.of()) : parse(value);
    }

    boolean isMultipart() {
        return type.startsWith("multipart/");
    }

    boolean is(String mimeType) {
        return type.equals(mimeType);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isBlank());
    }

    Optional<String> boundary() {
        return param("boundary");
    }

    Optional<String> charset() {
        return param("charset").map(String::strip);
    }

    private static Map<String, String> parameters(String[] segments) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        for (int i = 1; i < segments.length; i++) {
            int eq = segments[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = segments[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(segments[i].substring(eq + 1).strip());
            boolean extended = name.endsWith("*");
            String bare = extended ? name.substring(0, name.length() - 1) : name;
            int star = bare.indexOf('*');
            if (star > 0 && isNumber(bare.substring(star + 1))) {
                continued.computeIfAbsent(bare.substring(0, star), k -> new TreeMap<>())
                        .put(Integer.parseInt(bare.substring(star + 1)), new String[] {value, extended ? "*" : ""});
            } else if (extended) {
                plain.put(bare, decodeExtended(value));
            } else {
                plain.putIfAbsent(name, value);
            }
        }
        continued.forEach((name, parts) -> plain.putIfAbsent(name, joinContinuations(parts)));
        return plain;
    }

    private static String joinContinuations(TreeMap<Integer, String[]> parts) {
        String[] first = parts.firstEntry().getValue();
        Charset charset = first[1].isEmpty() ? StandardCharsets.UTF_8 : extendedCharset(first[0]);
        StringBuilder out = new StringBuilder();
        boolean isFirst = true;
        for (String[] part : parts.values()) {
            if (part[1].isEmpty()) {
                out.append(part[0]);
            } else {
                String text = isFirst ? afterLanguage(part[0]) : part[0];
                out.append(percentDecode(text, charset));
            }
            isFirst = false;
        }
        return out.toString();
    }

    /** RFC 2231 {@code charset'language'percent-encoded}. */
    private static String decodeExtended(String value) {
        return percentDecode(afterLanguage(value), extendedCharset(value));
    }

    private static Charset extendedCharset(String value) {
        int quote = value.indexOf('\'');
        return quote < 0 ? StandardCharsets.UTF_8 : Charsets.lookup(value.substring(0, quote)).orElse(StandardCharsets.UTF_8);
    }

    private static String afterLanguage(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        return second < 0 ? value : value.substring(second + 1);
    }

    private static String percentDecode(String text, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return Charsets.decode(bytes.toByteArray(), charset);
    }

    static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 4 && s.chars().allMatch(Character::isDigit);
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Removes (possibly nested) comments outside quoted strings. */
    static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                out.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
                quoted = c == '"';
            }
        }
        return out.toString();
    }

    /** Splits on semicolons that are not inside a quoted string. */
    static String[] splitOutsideQuotes(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.toArray(String[]::new);
    }
}
