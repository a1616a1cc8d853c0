package io.gatekeep.api.security;

import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <token>}. No header: anonymous (the route decides). A bearer header that cannot
 * be a token of ours fails authentication at once.
 */
final class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final Pattern SCHEME = Pattern.compile("^Bearer\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !SCHEME.matcher(header).find()) {
            return Mono.empty();
        }
        String token = SCHEME.matcher(header).replaceFirst("").trim();
        if (!TOKEN.matcher(token).matches()) {
            return Mono.error(new BadCredentialsException("Malformed bearer token"));
        }
        return Mono.just(new BearerToken(token));
    }
}
