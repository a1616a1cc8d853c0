package io.gatekeep.messaging.consuming;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.SignedIn;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A handler of sign-ins as a service would write one: it fails on purpose for client IP {@link #FAIL_ALWAYS}, wants
 * none from client IP {@link #NOT_MINE}, and counts the committed applications of each event.
 */
final class SignInHandler implements EventHandler {

    static final String NAME = "test-sign-ins";
    static final String FAIL_ALWAYS = "fail-always";
    static final String NOT_MINE = "not-mine";

    private final Map<UUID, Integer> applied = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.SIGNED_IN;
    }

    @Override
    public boolean handles(ReceivedEvent event) {
        return !NOT_MINE.equals(event.payload(SignedIn.class).clientIp());
    }

    @Override
    public void handle(ReceivedEvent event) {
        if (FAIL_ALWAYS.equals(event.payload(SignedIn.class).clientIp())) {
            throw new IllegalStateException("Failing on purpose for " + event.id());
        }
        // Counted when the transaction commits, like a real effect (a rolled-back try does not count).
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                applied.merge(event.id(), 1, Integer::sum);
            }
        });
    }

    int timesApplied(UUID eventId) {
        return applied.getOrDefault(eventId, 0);
    }
}
