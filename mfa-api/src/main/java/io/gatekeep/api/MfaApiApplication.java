package io.gatekeep.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;

/** The reactive HTTP API. No user-details service: every request authenticates with a bearer session token. */
@SpringBootApplication(exclude = ReactiveUserDetailsServiceAutoConfiguration.class)
public class MfaApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(MfaApiApplication.class, args);
    }
}
