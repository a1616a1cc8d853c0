package io.gatekeep.desk.intake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The top-level header fields of a message in their original order (topmost first), unfolded, with 8-bit bytes
 * decoded (UTF-8 when valid, ISO-8859-1 otherwise) but RFC 2047 encoded words left as they are.
 */
public record Headers(List<Field> fields) {

    public Headers {
        fields = List.copyOf(fields);
    }

    /** One header field; {@code name} as written, {@code value} unfolded and trimmed. */
    public record Field(String name, String value) {

        public boolean is(String headerName) {
            return name.equalsIgnoreCase(headerName);
        }
    }

    /** Every value of the named field (case-insensitive), topmost first. */
    public List<String> all(String name) {
        return fields.stream().filter(field -> field.is(name)).map(Field::value).toList();
    }

    /** The topmost value of the named field. */
    public Optional<String> first(String name) {
        return fields.stream().filter(field -> field.is(name)).map(Field::value).findFirst();
    }

    public boolean has(String name) {
        return fields.stream().anyMatch(field -> field.is(name));
    }

    public int count(String name) {
        return (int) fields.stream().filter(field -> field.is(name)).count();
    }

    /** Lower-cased field names, handy in logs: values may carry tokens and must not be logged. */
    public List<String> names() {
        return fields.stream()
                .map(field -> field.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
