package io.gatekeep.desk.agents;

import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.desk.config.DeskProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agents' API takes a bearer session from {@code POST /api/v1/desk/sign-in} (password and TOTP code); there is no
 * HTTP Basic. Stateless on the server side (the session is a database row), no cookies, so no CSRF. The sign-in and
 * the public cancellation are open, and so is the desk UI (its page at {@code /}, {@code /sign-in} and
 * {@code /tickets/{id}}, its static modules under {@code /desk-app/}: they hold no data); everything else on the
 * desk's main port is closed. A missing or dead session is a problem document ({@code unauthorized}).
 *
 * <p>Every answer carries a strict Content-Security-Policy (scripts, styles and requests from this origin only, no
 * inline code, no framing), {@code Referrer-Policy: no-referrer}, {@code X-Content-Type-Options: nosniff} and
 * {@code X-Frame-Options: DENY}: the UI renders ticket mail written by strangers, so nothing may run that the desk
 * did not serve.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentLoginProperties.class)
class AgentSecurityConfiguration {

    /** The desk UI's policy (the same as the web client's on the API, without data: images). */
    static final String UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AgentAccounts agentAccounts(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, Clock clock) {
        return new AgentAccounts(jdbc, passwordEncoder, clock);
    }

    @Bean
    AgentSessions agentSessions(JdbcTemplate jdbc, Clock clock, AgentLoginProperties login) {
        return new AgentSessions(jdbc, clock, login.sessionTtl(), login.idleTimeout());
    }

    /** Seals agents' TOTP secrets; the key id is stored next to each one, so the key can be rotated. */
    @Bean
    SecretCipher agentSecretCipher(AgentLoginProperties login) {
        return new SecretCipher(
                SecretKeyring.fromBase64(Map.of(login.secretKeyId(), login.secretKey()), login.secretKeyId()));
    }

    @Bean
    AgentSignIn agentSignIn(
            TransactionTemplate transaction,
            AgentAccounts agents,
            AgentSessions sessions,
            JdbcTemplate jdbc,
            PasswordEncoder passwords,
            SecretCipher agentSecretCipher,
            Clock clock,
            AgentLoginProperties login) {
        return new AgentSignIn(
                transaction,
                agents,
                sessions,
                new SignInAttempts(jdbc, clock, login.signInWindow(), login.signInsPerAgent(), login.signInsPerIp()),
                passwords,
                agentSecretCipher,
                new Totp(clock),
                LockoutPolicy.defaults(),
                clock);
    }

    @Bean
    AgentBootstrap agentBootstrap(
            AgentAccounts agents, SecretCipher agentSecretCipher, DeskProperties desk, AgentLoginProperties login) {
        return new AgentBootstrap(agents, agentSecretCipher, desk, login, System.out);
    }

    /** Nothing authenticates through Spring's login mechanisms (and Boot generates no default user). */
    @Bean
    AuthenticationManager noFormOrBasicLogin() {
        return authentication -> {
            throw new BadCredentialsException("agents sign in at POST /api/v1/desk/sign-in");
        };
    }

    @Bean
    SecurityFilterChain agentApi(HttpSecurity http, AgentSessions sessions) throws Exception {
        AuthenticationEntryPoint problem = (request, response, exception) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"gatekeep-desk\"");
            response.setContentType("application/problem+json");
            response.getOutputStream().write("""
                    {"type":"about:blank","title":"Unauthorized","status":401,"code":"unauthorized"}""".getBytes(StandardCharsets.UTF_8));
        };
        return http.authorizeHttpRequests(
                        requests -> requests.requestMatchers("/api/v1/desk/sign-in", "/api/v1/desk/cancellations")
                                .permitAll()
                                .requestMatchers("/api/v1/desk/**")
                                .hasRole("AGENT")
                                .requestMatchers("/error", "/desk-api.yaml")
                                .permitAll()
                                .requestMatchers(HttpMethod.GET, "/", "/sign-in", "/tickets/*", "/desk-app/**")
                                .permitAll()
                                .anyRequest()
                                .denyAll())
                .addFilterBefore(new AgentBearerFilter(sessions), AnonymousAuthenticationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(UI_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problem))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
