package io.gatekeep.api.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared oversized body before anything reads it. Chunked bodies without a length are cut by the codec
 * limit ({@code spring.http.codecs.max-in-memory-size}), which ends in the same 413 problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter implements WebFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    RequestSizeLimitFilter(
            @Value("${spring.http.codecs.max-in-memory-size:16KB}") DataSize limit, ProblemWriter problems) {
        this.maxBytes = limit.toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            return problems.write(exchange, ApiError.PAYLOAD_TOO_LARGE);
        }
        return chain.filter(exchange);
    }
}
