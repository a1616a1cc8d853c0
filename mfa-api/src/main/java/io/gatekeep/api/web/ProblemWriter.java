package io.gatekeep.api.web;

import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code application/problem+json} responses. Used by the exception handler and by the security entry points,
 * which run before any controller.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiException problem) {
        return write(exchange, problem.error(), problem.detail(), problem.properties(), problem.headers());
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiError error) {
        return write(exchange, error, null, Map.of(), HttpHeaders.EMPTY);
    }

    private Mono<Void> write(
            ServerWebExchange exchange, ApiError error, String detail, Map<String, Object> extra, HttpHeaders headers) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String instance = exchange.getRequest().getPath().value();
        byte[] bytes = json.writeValueAsBytes(Problem.body(error, detail, instance, extra));
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        headers.forEach((name, values) -> response.getHeaders().put(name, values));
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
