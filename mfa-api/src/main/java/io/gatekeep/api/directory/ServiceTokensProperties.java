package io.gatekeep.api.directory;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service credentials for {@code /internal/**}: {@code gatekeep.internal.service-tokens.<service>=<token>}. With none
 * configured every internal request is refused.
 */
@ConfigurationProperties("gatekeep.internal")
record ServiceTokensProperties(Map<String, String> serviceTokens) {

    ServiceTokensProperties {
        serviceTokens = serviceTokens == null ? Map.of() : Map.copyOf(serviceTokens);
    }
}
