package io.gatekeep.api.mfa.lockout;

/** Whether an MFA attempt may check its code at all. Checked before the code, so a locked user learns nothing. */
public sealed interface AttemptDecision {

    /**
     * The attempt is counted as failure number {@code attemptNumber} until it succeeds: counting first bounds the
     * guesses that parallel requests can make before the lock, across every API instance.
     */
    record Permitted(int attemptNumber) implements AttemptDecision {}

    /** Locked; {@code lockedNow} when this very decision started the lock (emit the locked-out event). */
    record Refused(Lockout lockout, boolean lockedNow) implements AttemptDecision {}
}
