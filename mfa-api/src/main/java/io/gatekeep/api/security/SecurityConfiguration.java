package io.gatekeep.api.security;

import io.gatekeep.api.sessions.SessionKind;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-token security. Public: sign-up, sign-in (and the MFA step that follows it), invitation
 * acceptance, the API documentation and actuator (served on the separate management port). Every other
 * {@code /api/**} route needs a full session, except that a setup-only session (MFA enforced, not set up yet) reaches
 * the MFA setup endpoints and {@code GET /api/v1/me} (elsewhere: 403 {@code mfa_setup_required}). Organization-level
 * rights are checked by the features themselves (404 for non-members, 403 for members without the right). Unknown
 * routes outside /api are 404 problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Answered to a setup token (MFA enforced, none set up yet) outside the setup endpoints and the profile. */
    static final ApiError MFA_SETUP_REQUIRED = new ApiError(
            HttpStatus.FORBIDDEN,
            "mfa_setup_required",
            "Set up MFA first: this token only reaches /api/v1/me/mfa/setup* and GET /api/v1/me");
    /** Answered on the setup endpoints to a setup token that outlived its 3-minute setup session. */
    static final ApiError SETUP_SESSION_EXPIRED = new ApiError(
            HttpStatus.UNAUTHORIZED,
            "setup_session_expired",
            "The setup session has expired; sign in again and start over");

    private static final String SETUP_PATH = "/api/v1/me/mfa/setup";
    private static final String FULL = SessionKind.FULL.authority().getAuthority();
    private static final String SETUP_ONLY = SessionKind.MFA_SETUP.authority().getAuthority();

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, Sessions sessions, ProblemWriter problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> problems.write(
                exchange,
                e instanceof SessionAuthenticationManager.ExpiredSetupToken
                                && exchange.getRequest().getPath().value().startsWith(SETUP_PATH)
                        ? SETUP_SESSION_EXPIRED
                        : ApiError.UNAUTHENTICATED);
        // A setup token is told what it is for; anyone else just gets forbidden.
        ServerAccessDeniedHandler forbidden = (exchange, e) -> ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .map(authentication -> authentication.getAuthorities().contains(SessionKind.MFA_SETUP.authority()))
                .defaultIfEmpty(false)
                .flatMap(setupOnly -> problems.write(exchange, setupOnly ? MFA_SETUP_REQUIRED : ApiError.FORBIDDEN));

        AuthenticationWebFilter bearer = new AuthenticationWebFilter(new SessionAuthenticationManager(sessions));
        bearer.setServerAuthenticationConverter(new BearerTokenConverter());
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        bearer.setAuthenticationFailureHandler(
                (filterExchange, e) -> unauthenticated.commence(filterExchange.getExchange(), e));

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(
                                HttpMethod.POST,
                                "/api/v1/signup",
                                "/api/v1/auth/sign-in",
                                "/api/v1/auth/mfa",
                                "/api/v1/invitations/accept",
                                "/api/v1/invitations/decline")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.POST,
                                "/api/v1/signup/verify",
                                "/api/v1/password-reset",
                                "/api/v1/password-reset/confirm",
                                "/api/v1/desk/cancellations")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/me/mfa/setup", "/api/v1/me/mfa/setup/**")
                        .hasAnyAuthority(FULL, SETUP_ONLY)
                        .pathMatchers(HttpMethod.GET, "/api/v1/me")
                        .hasAnyAuthority(FULL, SETUP_ONLY)
                        .pathMatchers(HttpMethod.GET, "/app/**")
                        .permitAll() // the web client's own files
                        .pathMatchers("/api/**")
                        .hasAuthority(FULL)
                        .anyExchange()
                        .permitAll())
                .build();
    }
}
