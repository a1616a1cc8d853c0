package io.gatekeep.api.security;

import io.gatekeep.api.sessions.SessionKind;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-token security. Public: sign-up, sign-in (and the MFA step that follows it), invitation
 * acceptance, the API documentation and actuator (served on the separate management port). Every other
 * {@code /api/**} route needs a full session; organization-level rights are checked by the features themselves
 * (404 for non-members, 403 for members without the right). Unknown routes outside /api are 404 problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, Sessions sessions, ProblemWriter problems) {
        ServerAuthenticationEntryPoint unauthenticated =
                (exchange, e) -> problems.write(exchange, ApiError.UNAUTHENTICATED);
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange, ApiError.FORBIDDEN);

        AuthenticationWebFilter bearer = new AuthenticationWebFilter(new SessionAuthenticationManager(sessions));
        bearer.setServerAuthenticationConverter(new BearerTokenConverter());
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        bearer.setAuthenticationFailureHandler((filterExchange, e) ->
                unauthenticated.commence(filterExchange.getExchange(), e));

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/api/v1/signup", "/api/v1/auth/sign-in", "/api/v1/auth/mfa",
                                "/api/v1/invitations/accept").permitAll()
                        .pathMatchers("/api/**").hasAuthority(SessionKind.FULL.authority().getAuthority())
                        .anyExchange().permitAll())
                .build();
    }
}
