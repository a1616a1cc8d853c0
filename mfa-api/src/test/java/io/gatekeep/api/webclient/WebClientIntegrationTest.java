package io.gatekeep.api.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The API serves its web client: one page at every screen and emailed link, its modules, under a strict policy. */
class WebClientIntegrationTest extends ApiIntegrationTest {

    private static final List<String> EMAILED_LINKS = List.of(
            "/verify-email?token=abc",
            "/reset-password?token=abc",
            "/invitations/accept?token=abc",
            "/desk/cancel?token=abc");

    @Test
    void everyEmailedLinkAndTheRootOpenThePageUnderAStrictContentSecurityPolicy() {
        for (String path : concat("/", "/sign-in", "/profile", "/setup", "/organization")) {
            String page = web.get()
                    .uri(path)
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader()
                    .valueEquals("Content-Security-Policy", WebClientHeaders.POLICY)
                    .expectHeader()
                    .valueEquals("Referrer-Policy", "no-referrer")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .as(path)
                    .contains("<script type=\"module\" src=\"/app/main.js\"></script>")
                    .contains("<meta name=\"gatekeep-support-address\" content=\"support@localhost\">");
        }
        assertThat(WebClientHeaders.POLICY)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void theClientsModulesAreServedWithoutASessionUnderTheSamePolicy() {
        web.get()
                .uri("/app/main.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Content-Security-Policy", WebClientHeaders.POLICY)
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("import"));
        web.get()
                .uri("/app/styles.css")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.valueOf("text/css"));
    }

    @Test
    void pathsThatAreNeitherScreensNorFilesStayNotFoundProblems() {
        web.get()
                .uri("/no-such-screen")
                .accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get().uri("/api/v1/no-such-endpoint").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theApiItselfAnswersWithoutThePagePolicy() {
        web.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist("Content-Security-Policy");
    }

    private static List<String> concat(String... paths) {
        return java.util.stream.Stream.concat(EMAILED_LINKS.stream(), java.util.Arrays.stream(paths))
                .toList();
    }
}
