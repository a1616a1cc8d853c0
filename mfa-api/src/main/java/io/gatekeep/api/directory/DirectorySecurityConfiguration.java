package io.gatekeep.api.directory;

import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ProblemWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * {@code /internal/**} is for services only: a bearer service token from {@code gatekeep.internal.service-tokens}.
 * User session tokens never reach it. Ordered before the user-facing chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceTokensProperties.class)
class DirectorySecurityConfiguration {

    static final String SERVICE_AUTHORITY = "SERVICE";
    private static final Pattern BEARER = Pattern.compile("^Bearer\\s+(\\S+)$", Pattern.CASE_INSENSITIVE);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain internalSecurity(
            ServerHttpSecurity http, ServiceTokensProperties properties, ProblemWriter problems) {
        ServiceCredentials credentials = new ServiceCredentials(properties.serviceTokens());
        ServerAuthenticationEntryPoint unauthenticated =
                (exchange, e) -> problems.write(exchange, ApiError.UNAUTHENTICATED);
        ReactiveAuthenticationManager manager = authentication -> credentials
                .serviceFor((String) authentication.getCredentials())
                .<Mono<org.springframework.security.core.Authentication>>map(
                        service -> Mono.just(UsernamePasswordAuthenticationToken.authenticated(
                                service, null, List.of(new SimpleGrantedAuthority(SERVICE_AUTHORITY)))))
                .orElseGet(() -> Mono.error(new BadCredentialsException("Unknown service token")));
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            var matcher = header == null ? null : BEARER.matcher(header.trim());
            return matcher != null && matcher.matches()
                    ? Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("service", matcher.group(1)))
                    : Mono.empty();
        });
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        filter.setAuthenticationFailureHandler(
                (filterExchange, e) -> unauthenticated.commence(filterExchange.getExchange(), e));

        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/internal/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange, ApiError.FORBIDDEN)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasAuthority(SERVICE_AUTHORITY))
                .build();
    }
}
