package io.gatekeep.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;

/** The reactive HTTP API. No user-details service: every request authenticates with a bearer session token. */
@SpringBootApplication(exclude = ReactiveUserDetailsServiceAutoConfiguration.class)
public class MfaApiApplication {

    /** Reactor Netty's setting for how many event loops serve HTTP, and as many again for the PostgreSQL driver. */
    static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        // One event loop per core unless set: Reactor Netty's default is at least four, which on a two-core machine
        // left more busy loops than cores (measured: a full sign-in took about a quarter more CPU).
        if (System.getProperty(EVENT_LOOPS) == null) {
            System.setProperty(EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(MfaApiApplication.class, args);
    }
}
