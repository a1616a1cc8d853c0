package io.gatekeep.api.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies CIDRs of the reverse proxies in front of the API ({@code gatekeep.web.trusted-proxies}, e.g.
 *                       {@code 10.0.0.0/8,::1/128}; default none). Only a request that arrives from one of them has
 *                       its client address taken from {@code X-Forwarded-For}: the address the last trusted proxy
 *                       added, never an entry the client wrote itself.
 */
@ConfigurationProperties("gatekeep.web")
public record WebProperties(@DefaultValue List<String> trustedProxies) {}
