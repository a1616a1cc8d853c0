package io.gatekeep.desk.intake.automation;

import java.util.List;

/** The classifier's verdict: automated when at least one {@link Signal} was found. */
public record Classification(List<Signal> signals) {

    public Classification {
        signals = List.copyOf(signals);
    }

    /** True when the message must never be answered nor acted upon (in particular, never approve anything). */
    public boolean automated() {
        return !signals.isEmpty();
    }

    public boolean has(Signal.Kind kind) {
        return signals.stream().anyMatch(signal -> signal.kind() == kind);
    }
}
