package io.gatekeep.api.time;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** UTC system time. Tests register a {@code @Primary} movable clock instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
