package io.gatekeep.api.mfa.totp;

/**
 * A code is accepted at most once: the step it matched must be newer than the last step accepted for the same secret.
 * This also refuses an older code still inside the skew window once a newer one was used.
 */
public final class ReplayRule {

    private ReplayRule() {}

    /** @param lastUsedStep the step of the last accepted code, null when none was accepted yet */
    public static boolean isFresh(MatchedStep matched, Long lastUsedStep) {
        return lastUsedStep == null || matched.step() > lastUsedStep;
    }
}
