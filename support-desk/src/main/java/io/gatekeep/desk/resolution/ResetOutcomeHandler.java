package io.gatekeep.desk.resolution;

import io.gatekeep.desk.workflow.Resolutions;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaResetNotNeeded;
import io.gatekeep.events.mfa.MfaResetRefused;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The outcome of a support reset, read from the {@code recovery} topic in the desk's own group ({@code support-desk}):
 * {@code MfaDisabled} or {@code MfaResetNotNeeded} resolves its ticket; {@code MfaResetRefused} hands it back to an
 * agent. Idempotent: {@code processed_event} (consumer {@code support-desk}) is written in the same transaction as
 * the effect. Other events, and these without a ticket (MFA turned off by its user), are skipped without a record.
 */
class ResetOutcomeHandler implements EventHandler {

    static final String CONSUMER = "support-desk";
    private static final Set<EventType> OUTCOMES =
            EnumSet.of(EventType.MFA_DISABLED, EventType.MFA_RESET_NOT_NEEDED, EventType.MFA_RESET_REFUSED);

    private final Resolutions resolutions;

    ResetOutcomeHandler(Resolutions resolutions) {
        this.resolutions = resolutions;
    }

    @Override
    public boolean handles(EventType type) {
        return OUTCOMES.contains(type);
    }

    @Override
    public boolean handles(ReceivedEvent event) {
        return ticketOf(event.payload()) != null;
    }

    @Override
    public String name() {
        return CONSUMER;
    }

    @Override
    public void handle(ReceivedEvent event) {
        UUID ticketId = ticketOf(event.payload());
        if (event.payload() instanceof MfaResetRefused refused) {
            resolutions.resetRefused(ticketId, refused.reason().name());
        } else {
            resolutions.resetApplied(ticketId, event.payload() instanceof MfaDisabled);
        }
    }

    private static UUID ticketOf(EventPayload payload) {
        return payload instanceof MfaDisabled disabled
                ? disabled.ticketId()
                : payload instanceof MfaResetRefused refused
                        ? refused.ticketId()
                        : ((MfaResetNotNeeded) payload).ticketId();
    }
}
