package io.gatekeep.outbox.blocked;

import java.util.List;
import java.util.UUID;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/outbox}: {@code GET} lists the blocked outbox rows (the oldest {@value #LISTED}, and their total);
 * {@code POST /actuator/outbox/{eventId}} releases one, {@code POST /actuator/outbox} all of them. Read-only unless
 * {@code management.endpoint.outbox.access=unrestricted}: releasing is for after the cause was fixed, which takes a
 * deployment anyway.
 */
@Endpoint(id = "outbox", defaultAccess = Access.READ_ONLY)
public class OutboxEndpoint {

    static final int LISTED = 100;

    private final BlockedEvents blocked;

    public OutboxEndpoint(BlockedEvents blocked) {
        this.blocked = blocked;
    }

    @ReadOperation
    public BlockedEvents.Listing blocked() {
        return blocked.list(LISTED);
    }

    @WriteOperation
    public Released release(@Selector UUID eventId) {
        return new Released(blocked.release(eventId) ? List.of(eventId) : List.of());
    }

    @WriteOperation
    public Released releaseAll() {
        return new Released(blocked.releaseAll());
    }

    /** @param released the events set back to {@code PENDING} (none when the one named was not blocked) */
    public record Released(List<UUID> released) {}
}
