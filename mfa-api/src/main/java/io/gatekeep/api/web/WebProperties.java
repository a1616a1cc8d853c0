package io.gatekeep.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustForwardedHeaders take the client IP from {@code X-Forwarded-For} (first entry). Only safe behind a
 *                              proxy that overwrites the header; otherwise clients choose their own rate-limit bucket.
 */
@ConfigurationProperties("gatekeep.web")
public record WebProperties(@DefaultValue("false") boolean trustForwardedHeaders) {
}
