package io.gatekeep.desk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.DeskIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class DeskUiIntegrationTest extends DeskIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheOnePageAtEveryScreenWithoutASessionAndUnderAStrictPolicy() throws Exception {
        for (String path : new String[] {"/", "/sign-in", "/tickets/" + UUID.randomUUID()}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/desk-app/main.js\"></script>");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(policy -> assertThat(policy)
                            .contains(
                                    "default-src 'none'",
                                    "script-src 'self'",
                                    "connect-src 'self'",
                                    "frame-ancestors 'none'")
                            .doesNotContain("unsafe"));
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        }
    }

    @Test
    void servesTheModulesAsJavaScriptWithoutASession() throws Exception {
        HttpResponse<String> module = get("/desk-app/views/ticket.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(module.body()).contains("export async function ticket").doesNotContain("innerHTML");
        assertThat(get("/desk-app/styles.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiStaysBearerOnlyAndOtherPathsStayClosed() throws Exception {
        HttpResponse<String> queue = get("/api/v1/desk/tickets");
        assertThat(queue.statusCode()).isEqualTo(401);
        assertThat(queue.body()).contains("\"code\":\"unauthorized\"");
        assertThat(get("/tickets").statusCode()).isEqualTo(401);
        assertThat(get("/desk-ui/index.html").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/sign-in").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
