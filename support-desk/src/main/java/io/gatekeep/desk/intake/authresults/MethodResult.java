package io.gatekeep.desk.intake.authresults;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code method=result} entry of an Authentication-Results header, e.g. {@code dkim=pass header.d=acme.example}.
 * Method and result are lower-case; property names ({@code header.d}, {@code smtp.mailfrom}, {@code action}, …) are
 * lower-case, their values as written.
 */
public record MethodResult(String method, String result, Optional<String> reason, Map<String, String> properties) {

    public MethodResult {
        properties = Map.copyOf(properties);
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public boolean passed() {
        return result.equals("pass");
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(method).append('=').append(result);
        properties.forEach(
                (name, value) -> out.append(' ').append(name).append('=').append(value));
        return out.toString();
    }
}
