package io.gatekeep.desk.intake.authresults;

import io.gatekeep.desk.intake.Comments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed {@code Authentication-Results} header (RFC 8601): the {@code authserv-id} of the server that added it and
 * its method results. Parsing is tolerant: comments (nested too), folding, quoted values, spaces around '=' and
 * versions ({@code dkim/1=pass}) are accepted; an entry that makes no sense is skipped. A header without an
 * authserv-id (some providers omit it) parses with an empty one, so no policy can ever trust it.
 */
public record AuthenticationResults(String authservId, List<MethodResult> results) {

    public AuthenticationResults {
        results = List.copyOf(results);
    }

    /** The results of one method ({@code dmarc}, {@code dkim}, {@code spf}, …), in order. */
    public List<MethodResult> results(String method) {
        return results.stream().filter(result -> result.method().equals(method)).toList();
    }

    /** Empty when the value is blank or holds neither an authserv-id nor a result. */
    public static Optional<AuthenticationResults> parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        List<String> segments = splitOutsideQuotes(Comments.strip(headerValue.replaceAll("[\\r\\n]+", " ")));
        List<String> head = tokens(segments.get(0));
        String authservId = "";
        List<MethodResult> results = new ArrayList<>();
        if (!head.isEmpty() && head.get(0).contains("=")) {
            methodResult(head).ifPresent(results::add);
        } else if (!head.isEmpty()) {
            authservId = head.get(0).toLowerCase(Locale.ROOT);
        }
        for (String segment : segments.subList(1, segments.size())) {
            methodResult(tokens(segment)).ifPresent(results::add);
        }
        if (authservId.isEmpty() && results.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticationResults(authservId, results));
    }

    /** Every header that parses, in the order given (topmost first). */
    public static List<AuthenticationResults> parseAll(List<String> headerValues) {
        return headerValues.stream()
                .map(AuthenticationResults::parse)
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<MethodResult> methodResult(List<String> tokens) {
        if (tokens.isEmpty() || !tokens.get(0).contains("=")) {
            return Optional.empty();
        }
        String[] methodAndResult = tokens.get(0).split("=", 2);
        String method = methodAndResult[0];
        int slash = method.indexOf('/');
        method = (slash >= 0 ? method.substring(0, slash) : method).strip().toLowerCase(Locale.ROOT);
        String result = unquote(methodAndResult[1]).strip().toLowerCase(Locale.ROOT);
        if (method.isEmpty() || result.isEmpty()) {
            return Optional.empty();
        }
        String reason = null;
        Map<String, String> properties = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = token.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = unquote(token.substring(eq + 1));
            if (name.equals("reason")) {
                reason = value;
            } else {
                properties.putIfAbsent(name, value);
            }
        }
        return Optional.of(new MethodResult(method, result, Optional.ofNullable(reason), properties));
    }

    /** Whitespace-separated tokens, with spaces around '=' and '/' removed first and quoted strings kept whole. */
    private static List<String> tokens(String segment) {
        String compact = segment.replaceAll("\\s*=\\s*", "=")
                .replaceAll("\\s*/\\s*", "/")
                .strip();
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '\\' && quoted && i + 1 < compact.length()) {
                current.append(c).append(compact.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    private static List<String> splitOutsideQuotes(String value) {
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
        return parts;
    }
}
