package io.gatekeep.api.deskrelay;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the support desk answers, as seen from the API (an internal address in production).
 *
 * @param baseUrl the desk's origin, e.g. {@code http://support-desk:8082}
 * @param timeout how long a relayed call may take before the person is told to try again
 */
@ConfigurationProperties("gatekeep.desk")
record DeskRelayProperties(
        @DefaultValue("http://localhost:8082") URI baseUrl,
        @DefaultValue("5s") Duration timeout) {}
