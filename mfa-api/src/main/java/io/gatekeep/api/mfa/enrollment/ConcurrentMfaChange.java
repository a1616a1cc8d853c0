package io.gatekeep.api.mfa.enrollment;

/**
 * Another request changed the same setup or credential first (a compare-and-set or a unique index lost). Thrown to
 * roll the transaction back; the web layer answers 409.
 *
 * @see #alreadyEnabled()
 */
final class ConcurrentMfaChange extends RuntimeException {

    private final boolean alreadyEnabled;

    ConcurrentMfaChange(String message, boolean alreadyEnabled) {
        super(message, null, false, false);
        this.alreadyEnabled = alreadyEnabled;
    }

    /** True when the concurrent change enabled MFA (answer {@code mfa_already_enabled}). */
    boolean alreadyEnabled() {
        return alreadyEnabled;
    }
}
