package io.gatekeep.desk.agents;

import io.gatekeep.desk.config.DeskProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The agents' API is HTTP Basic over {@code desk_agent} (bcrypt through Spring's delegating encoder), stateless, no
 * CSRF (no cookies, no browser session). Everything else on the desk's main port is closed. A failed authentication is
 * a problem document ({@code unauthorized}).
 */
@Configuration(proxyBeanMethods = false)
class AgentSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgentSecurityConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AgentAccounts agentAccounts(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, Clock clock) {
        return new AgentAccounts(jdbc, passwordEncoder, clock);
    }

    @Bean
    UserDetailsService agentDetails(AgentAccounts agents) {
        return username -> agents.byUsername(username)
                .map(agent -> User.withUsername(agent.username()).password(agent.passwordHash())
                        .disabled(!agent.active()).roles("AGENT").build())
                .orElseThrow(() -> new UsernameNotFoundException("no such agent"));
    }

    @Bean
    SecurityFilterChain agentApi(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint problem = (request, response, exception) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"gatekeep-desk\"");
            response.setContentType("application/problem+json");
            response.getOutputStream().write("""
                    {"type":"about:blank","title":"Unauthorized","status":401,"code":"unauthorized"}"""
                    .getBytes(StandardCharsets.UTF_8));
        };
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/desk/**").hasRole("AGENT")
                        .requestMatchers("/error", "/desk-api.yaml").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(problem))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problem))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** The bootstrap agent from {@code gatekeep.desk.agents.bootstrap-username/-password}, when both are set. */
    @Bean
    ApplicationRunner bootstrapAgent(AgentAccounts agents, DeskProperties desk) {
        return arguments -> {
            String username = desk.agents().bootstrapUsername();
            String password = desk.agents().bootstrapPassword();
            if (username != null && !username.isBlank() && password != null && !password.isBlank()
                    && agents.createIfAbsent(username, username, password)) {
                log.info("Bootstrap agent '{}' created", username);
            }
        };
    }
}
