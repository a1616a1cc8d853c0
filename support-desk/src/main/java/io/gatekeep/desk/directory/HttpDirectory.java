package io.gatekeep.desk.directory;

import io.gatekeep.desk.tickets.Directory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * mfa-api's internal directory over HTTP, with the desk's service token. 404 means "no such user/organization";
 * anything else that is not 200 (or no answer at all) is {@link Directory.DirectoryUnavailable}, so the caller leaves
 * the mail unprocessed and tries again later rather than answering on incomplete knowledge.
 */
final class HttpDirectory implements Directory {

    private final HttpClient http;
    private final URI baseUrl;
    private final String token;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    HttpDirectory(String baseUrl, String token, Duration timeout) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // The API speaks HTTP/1.1 on its internal port: no h2c upgrade attempt on a fresh connection.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Optional<User> userByEmail(String email) {
        return get("internal/v1/directory/users?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), User.class);
    }

    @Override
    public Optional<Approvers> approvers(UUID organizationId) {
        return get("internal/v1/directory/organizations/" + organizationId + "/approvers", Approvers.class);
    }

    private <T> Optional<T> get(String path, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new DirectoryUnavailable(
                        "directory answered " + response.statusCode() + " for "
                                + request.uri().getPath(),
                        null);
            }
            return Optional.of(json.readValue(response.body(), type));
        } catch (IOException | JacksonException e) {
            throw new DirectoryUnavailable(
                    "directory unreachable or unreadable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailable("interrupted while asking the directory", e);
        }
    }
}
