package io.gatekeep.api.mfa.enrollment.model;

/**
 * PENDING → COMPLETED (a code verified) | EXPIRED (3 minutes passed) | SUPERSEDED (the user started a new setup).
 * Only PENDING holds a secret; every other state is final.
 */
public enum SetupStatus {
    PENDING,
    COMPLETED,
    EXPIRED,
    SUPERSEDED
}
