package io.gatekeep.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** A minimal JSON client for the public API, used to seed the demo organization through the real endpoints. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Response(int status, JsonNode body, String raw) {

        boolean isSuccess() {
            return status / 100 == 2;
        }

        /**
         * The first of the dotted paths present as a non-empty text or number, e.g. {@code organization.id} or
         * {@code organizations.0.id} (array index).
         */
        Optional<String> text(String... paths) {
            for (String path : paths) {
                JsonNode node = body;
                for (String field : path.split("\\.")) {
                    node = node.isArray() && field.matches("\\d+")
                            ? node.path(Integer.parseInt(field))
                            : node.path(field);
                }
                if ((node.isString() || node.isNumber()) && !node.asString().isBlank()) {
                    return Optional.of(node.asString());
                }
            }
            return Optional.empty();
        }

        /** A problem's {@code code} and status, for error messages (never the request, which may hold a password). */
        String describe() {
            return "HTTP " + status + text("code").map(code -> " code " + code).orElse("")
                    + text("detail").map(detail -> ": " + detail).orElse("");
        }
    }

    Response post(String path, Object body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request.build());
    }

    Response get(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).GET().build());
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), parse(response.body()), response.body());
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
