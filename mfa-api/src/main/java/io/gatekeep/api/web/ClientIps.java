package io.gatekeep.api.web;

import java.net.InetSocketAddress;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/** The client IP recorded in events and used for per-IP rate limits. */
@Component
@EnableConfigurationProperties(WebProperties.class)
public class ClientIps {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MAX_LENGTH = 64;

    private final boolean trustForwardedHeaders;

    ClientIps(WebProperties properties) {
        this.trustForwardedHeaders = properties.trustForwardedHeaders();
    }

    /** The IP that sent the request, or "unknown"; never null. */
    public String of(ServerHttpRequest request) {
        if (trustForwardedHeaders) {
            String forwarded = request.getHeaders().getFirst(FORWARDED_FOR);
            if (forwarded != null && !forwarded.isBlank()) {
                String first = forwarded.split(",")[0].trim();
                if (!first.isEmpty()) {
                    return first.length() > MAX_LENGTH ? first.substring(0, MAX_LENGTH) : first;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
