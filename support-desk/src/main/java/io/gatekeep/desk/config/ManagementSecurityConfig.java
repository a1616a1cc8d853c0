package io.gatekeep.desk.config;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health and Prometheus are read by orchestrators and scrapers that hold no credentials, and the outbox endpoint by
 * operators; they live on the separate management port (9082), which is not exposed to the public. The outbox
 * endpoint only lists unless {@code management.endpoint.outbox.access=unrestricted} lets it release too. Every other
 * actuator endpoint stays closed.
 *
 * <p>This chain matches actuator requests only, so the desk's own API keeps its own chain.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurityConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(EndpointRequest.to("health", "prometheus", "outbox"))
                                .permitAll()
                                .anyRequest()
                                .denyAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
