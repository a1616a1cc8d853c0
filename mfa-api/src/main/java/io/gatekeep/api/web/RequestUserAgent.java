package io.gatekeep.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Carries the request's {@code User-Agent} in the Reactor context, so whatever issues a session on this request
 * (sign-in, the MFA step, an accepted invitation …) records it without every signature on the way passing it along.
 * It is shown to the account holder in their session list; never used for a decision.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestUserAgent implements WebFilter {

    private static final String KEY = RequestUserAgent.class.getName();
    static final int MAX_LENGTH = 256;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String userAgent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
        if (userAgent == null || userAgent.isBlank()) {
            return chain.filter(exchange);
        }
        String kept = clean(userAgent);
        return chain.filter(exchange).contextWrite(context -> context.put(KEY, kept));
    }

    /** The user agent of the request being served, or null (no header, or not inside a request). */
    public static String of(ContextView context) {
        return context.getOrDefault(KEY, null);
    }

    /** At most 256 printable characters: the header is the client's to choose. */
    static String clean(String userAgent) {
        String printable = userAgent.strip().replaceAll("\\p{Cntrl}", "");
        return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) : printable;
    }
}
