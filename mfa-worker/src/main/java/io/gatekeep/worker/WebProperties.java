package io.gatekeep.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people reach Gatekeep ({@code gatekeep.web.*}), for links in emails.
 *
 * @param baseUrl the public base URL of mfa-api, without a trailing slash
 */
@ConfigurationProperties("gatekeep.web")
public record WebProperties(
        @DefaultValue("http://localhost:8080") String baseUrl) {

    public WebProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
