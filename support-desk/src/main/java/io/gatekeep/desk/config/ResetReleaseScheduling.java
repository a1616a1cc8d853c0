package io.gatekeep.desk.config;

import io.gatekeep.desk.workflow.ResetRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Releases due resets every {@code gatekeep.desk.reset-sweep-interval}; off with
 * {@code gatekeep.desk.reset-release.enabled=false} (tests run the sweep themselves after moving the clock).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "gatekeep.desk.reset-release.enabled", matchIfMissing = true)
class ResetReleaseScheduling {

    private static final Logger log = LoggerFactory.getLogger(ResetReleaseScheduling.class);

    private final ResetRelease release;

    ResetReleaseScheduling(ResetRelease release) {
        this.release = release;
    }

    @Scheduled(fixedDelayString = "${gatekeep.desk.reset-sweep-interval:15s}", initialDelayString = "5s")
    void sweep() {
        try {
            int released = release.sweep();
            if (released > 0) {
                log.info("{} approved reset(s) released to the worker", released);
            }
        } catch (RuntimeException e) {
            log.warn("Reset release failed; retried at the next interval", e);
        }
    }
}
