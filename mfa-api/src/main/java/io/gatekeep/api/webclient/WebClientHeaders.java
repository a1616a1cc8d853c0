package io.gatekeep.api.webclient;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A strict Content-Security-Policy on the web client's page and files: scripts, styles and requests only from this
 * origin, no inline script or style, images also as {@code data:} (the QR code is a data URI), no framing. The
 * emailed links carry a token in the URL until the page removes it, so no page ever sends a Referer. The API
 * documentation (Swagger UI) keeps its own rules.
 */
@Component
class WebClientHeaders implements WebFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (isWebClient(path)) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", POLICY);
            headers.set("Referrer-Policy", "no-referrer");
        }
        return chain.filter(exchange);
    }

    private static boolean isWebClient(String path) {
        return path.startsWith("/app/") || WebClientRoutes.PAGES.contains(path);
    }
}
