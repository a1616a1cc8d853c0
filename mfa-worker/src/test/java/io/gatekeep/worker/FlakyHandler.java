package io.gatekeep.worker;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A test handler for sign-ins that fails on purpose: twice for client IP {@code fail-twice}, always for
 * {@code fail-always}; it counts the committed applications of each event.
 */
public class FlakyHandler implements EventHandler {

    public static final String FAIL_TWICE = "fail-twice";
    public static final String FAIL_ALWAYS = "fail-always";

    private final Map<UUID, Integer> failures = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> applied = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "test-flaky";
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.SIGNED_IN;
    }

    @Override
    public void handle(ReceivedEvent event) {
        String ip = event.payload(SignedIn.class).clientIp();
        if (FAIL_ALWAYS.equals(ip) || FAIL_TWICE.equals(ip) && failures.merge(event.id(), 1, Integer::sum) <= 2) {
            throw new IllegalStateException("Failing on purpose for " + event.id());
        }
        // Counted when the handler's transaction commits, like a real effect (a rolled-back try does not count).
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                applied.merge(event.id(), 1, Integer::sum);
            }
        });
    }

    public int timesApplied(UUID eventId) {
        return applied.getOrDefault(eventId, 0);
    }
}
