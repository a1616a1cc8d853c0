package io.gatekeep.api.mfa.enrollment.model;

import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import java.time.Instant;

/**
 * Every decision {@link Enrollment} takes, as values. Each operation returns its own sub-type ({@link OnStart},
 * {@link OnRefresh}, {@link OnVerify}) while the web layer can map all of them in one switch over this interface:
 * {@code AlreadyEnabled} → 409 {@code mfa_already_enabled}, {@code SessionExpired} → 401
 * {@code setup_session_expired}, {@code QrExpired} → 410 {@code qr_expired}, {@code InvalidCode} → 422
 * {@code invalid_code}.
 */
public sealed interface SetupOutcome {

    sealed interface OnStart extends SetupOutcome {}

    sealed interface OnRefresh extends SetupOutcome {}

    sealed interface OnVerify extends SetupOutcome {}

    /** The session can no longer change: answered alike by refresh and verify. */
    sealed interface Ended extends OnRefresh, OnVerify {}

    /** A new PENDING session to insert (after superseding any other pending one of the user). */
    record Started(SetupSession session, SetupMaterial material) implements OnStart {}

    /** The session with a new secret; the old secret is discarded. */
    record QrRefreshed(SetupSession session, SetupMaterial material) implements OnRefresh {}

    /**
     * The code matched: store {@code credential} and its recovery code hash, mark {@code session} COMPLETED, and show
     * {@code recoveryCode} once.
     */
    record Activated(SetupSession session, NewCredential credential, RecoveryCode recoveryCode) implements OnVerify {}

    /** The QR code behind the current secret is 60 s old or more; the session itself is still valid. */
    record QrExpired(Instant qrExpiredAt) implements OnVerify {}

    /**
     * The setup session is over. {@code justExpired} means this call moved it to EXPIRED: store {@code session}, emit
     * the setup-expired event and end the auth session that started it.
     */
    record SessionExpired(SetupSession session, boolean justExpired) implements Ended {}

    /** The code did not match the pending secret; counts toward the lockout. */
    record InvalidCode() implements OnVerify {}

    /** MFA is already on for this user (or this very session already completed). */
    record AlreadyEnabled() implements OnStart, Ended {}
}
