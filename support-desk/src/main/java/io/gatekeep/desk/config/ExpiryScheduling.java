package io.gatekeep.desk.config;

import io.gatekeep.desk.workflow.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the expiry sweep every {@code gatekeep.desk.expiry-sweep-interval}; off with {@code gatekeep.desk.expiry.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "gatekeep.desk.expiry.enabled", matchIfMissing = true)
class ExpiryScheduling {

    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduling.class);

    private final Expiry expiry;

    ExpiryScheduling(Expiry expiry) {
        this.expiry = expiry;
    }

    @Scheduled(fixedDelayString = "${gatekeep.desk.expiry-sweep-interval:1m}", initialDelayString = "10s")
    void sweep() {
        try {
            int expired = expiry.sweep();
            if (expired > 0) {
                log.info("{} ticket(s) expired", expired);
            }
        } catch (RuntimeException e) {
            log.warn("Expiry sweep failed; retried at the next interval", e);
        }
    }
}
