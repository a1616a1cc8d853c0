package io.gatekeep.api.webclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the web client's one HTML page at every path a person can land on: the screens the client navigates to,
 * and the links the product emails. The page's scripts and styles are static files under {@code /app/}. Any other
 * path outside {@code /api} stays a 404 problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebClientProperties.class)
class WebClientRoutes {

    /** Public contract: the emailed links land on the first four; the rest are the client's own screens. */
    static final List<String> PAGES = List.of(
            "/verify-email",
            "/reset-password",
            "/invitations/accept",
            "/desk/cancel",
            "/",
            "/sign-in",
            "/sign-in/verification",
            "/sign-up",
            "/check-email",
            "/forgot-password",
            "/profile",
            "/setup",
            "/organization",
            "/security",
            "/support");

    @Bean
    RouterFunction<ServerResponse> webClientPages(WebClientProperties properties) {
        String page = shell(properties);
        RequestPredicate anyPage = PAGES.stream()
                .map(RequestPredicates::GET)
                .reduce(RequestPredicate::or)
                .orElseThrow();
        return RouterFunctions.route(
                anyPage,
                request -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .bodyValue(page));
    }

    /** The page with the deployment's settings filled in (HTML-escaped: they are data, never markup). */
    private static String shell(WebClientProperties properties) {
        try {
            String template = new ClassPathResource("webclient/index.html").getContentAsString(StandardCharsets.UTF_8);
            return template.replace("{{supportAddress}}", HtmlUtils.htmlEscape(properties.supportAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("The web client's page is missing from the classpath", e);
        }
    }
}
