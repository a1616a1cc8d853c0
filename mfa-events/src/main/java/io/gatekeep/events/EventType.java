package io.gatekeep.events;

import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.events.account.InvitationCancelled;
import io.gatekeep.events.account.InvitationDeclined;
import io.gatekeep.events.account.MemberAdded;
import io.gatekeep.events.account.MemberInvited;
import io.gatekeep.events.account.MemberLeft;
import io.gatekeep.events.account.MemberRemoved;
import io.gatekeep.events.account.MemberUpdated;
import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.events.account.PasswordResetRequested;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.account.SignInFailed;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.account.SignedOut;
import io.gatekeep.events.account.SignedUp;
import io.gatekeep.events.account.SignupConfirmationResent;
import io.gatekeep.events.account.SignupRequested;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaEnabled;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.events.mfa.MfaLockedOut;
import io.gatekeep.events.mfa.MfaQrRefreshed;
import io.gatekeep.events.mfa.MfaResetNotNeeded;
import io.gatekeep.events.mfa.MfaResetRefused;
import io.gatekeep.events.mfa.MfaSetupExpired;
import io.gatekeep.events.mfa.MfaSetupStarted;
import io.gatekeep.events.mfa.MfaVerificationFailed;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.events.mfa.StepUpSucceeded;
import io.gatekeep.events.support.MfaResetApproved;
import io.gatekeep.events.support.SupportTicketTransitioned;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The event catalogue: every CloudEvents {@code type} Gatekeep emits, its topic, payload record and schema version.
 * Adding a field to a payload keeps the version (consumers ignore unknown fields); removing or changing one bumps it.
 */
public enum EventType {
    SIGNED_UP("io.gatekeep.account.signed-up", Topic.ACCOUNT, SignedUp.class, 1),
    MEMBER_INVITED("io.gatekeep.account.member-invited", Topic.ACCOUNT, MemberInvited.class, 1),
    MEMBER_ADDED("io.gatekeep.account.member-added", Topic.ACCOUNT, MemberAdded.class, 1),
    INVITATION_ACCEPTED("io.gatekeep.account.invitation-accepted", Topic.ACCOUNT, InvitationAccepted.class, 1),
    MEMBER_UPDATED("io.gatekeep.account.member-updated", Topic.ACCOUNT, MemberUpdated.class, 1),
    MEMBER_REMOVED("io.gatekeep.account.member-removed", Topic.ACCOUNT, MemberRemoved.class, 1),
    SIGNED_IN("io.gatekeep.account.signed-in", Topic.ACCOUNT, SignedIn.class, 1),
    SIGN_IN_FAILED("io.gatekeep.account.sign-in-failed", Topic.ACCOUNT, SignInFailed.class, 1),
    SIGNED_OUT("io.gatekeep.account.signed-out", Topic.ACCOUNT, SignedOut.class, 1),
    INVITATION_DECLINED("io.gatekeep.account.invitation-declined", Topic.ACCOUNT, InvitationDeclined.class, 1),
    INVITATION_CANCELLED("io.gatekeep.account.invitation-cancelled", Topic.ACCOUNT, InvitationCancelled.class, 1),
    MEMBER_LEFT("io.gatekeep.account.member-left", Topic.ACCOUNT, MemberLeft.class, 1),
    SESSIONS_REVOKED("io.gatekeep.account.sessions-revoked", Topic.ACCOUNT, SessionsRevoked.class, 1),
    SIGNUP_REQUESTED("io.gatekeep.account.signup-requested", Topic.ACCOUNT, SignupRequested.class, 1),
    SIGNUP_CONFIRMATION_RESENT(
            "io.gatekeep.account.signup-confirmation-resent", Topic.ACCOUNT, SignupConfirmationResent.class, 1),
    PASSWORD_RESET_REQUESTED(
            "io.gatekeep.account.password-reset-requested", Topic.ACCOUNT, PasswordResetRequested.class, 1),
    PASSWORD_CHANGED("io.gatekeep.account.password-changed", Topic.ACCOUNT, PasswordChanged.class, 1),

    MFA_SETUP_STARTED("io.gatekeep.enrollment.setup-started", Topic.ENROLLMENT, MfaSetupStarted.class, 1),
    MFA_QR_REFRESHED("io.gatekeep.enrollment.qr-refreshed", Topic.ENROLLMENT, MfaQrRefreshed.class, 1),
    MFA_SETUP_EXPIRED("io.gatekeep.enrollment.setup-expired", Topic.ENROLLMENT, MfaSetupExpired.class, 1),
    MFA_ENABLED("io.gatekeep.enrollment.mfa-enabled", Topic.ENROLLMENT, MfaEnabled.class, 1),

    MFA_VERIFICATION_SUCCEEDED(
            "io.gatekeep.verification.succeeded", Topic.VERIFICATION, MfaVerificationSucceeded.class, 1),
    MFA_VERIFICATION_FAILED("io.gatekeep.verification.failed", Topic.VERIFICATION, MfaVerificationFailed.class, 1),
    MFA_LOCKED_OUT("io.gatekeep.verification.locked-out", Topic.VERIFICATION, MfaLockedOut.class, 1),
    STEP_UP_SUCCEEDED("io.gatekeep.verification.step-up-succeeded", Topic.VERIFICATION, StepUpSucceeded.class, 1),

    RECOVERY_CODE_USED("io.gatekeep.recovery.recovery-code-used", Topic.RECOVERY, RecoveryCodeUsed.class, 1),
    MFA_DISABLED("io.gatekeep.recovery.mfa-disabled", Topic.RECOVERY, MfaDisabled.class, 1),
    MFA_RESET_NOT_NEEDED("io.gatekeep.recovery.mfa-reset-not-needed", Topic.RECOVERY, MfaResetNotNeeded.class, 1),
    MFA_RESET_REFUSED("io.gatekeep.recovery.mfa-reset-refused", Topic.RECOVERY, MfaResetRefused.class, 1),

    MFA_ENFORCEMENT_CHANGED("io.gatekeep.enforcement.changed", Topic.ENFORCEMENT, MfaEnforcementChanged.class, 1),

    SUPPORT_TICKET_TRANSITIONED(
            "io.gatekeep.support-ticket.transitioned", Topic.SUPPORT_TICKET, SupportTicketTransitioned.class, 1),
    MFA_RESET_APPROVED(
            "io.gatekeep.support-ticket.mfa-reset-approved", Topic.SUPPORT_TICKET, MfaResetApproved.class, 1);

    private static final Map<String, EventType> BY_TYPE =
            Stream.of(values()).collect(Collectors.toMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD =
            Stream.of(values()).collect(Collectors.toMap(EventType::payloadType, Function.identity()));

    private final String type;
    private final Topic topic;
    private final Class<? extends EventPayload> payloadType;
    private final int schemaVersion;

    EventType(String type, Topic topic, Class<? extends EventPayload> payloadType, int schemaVersion) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
        this.schemaVersion = schemaVersion;
    }

    public String type() {
        return type;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** The short action name used in the audit trail, e.g. {@code account.signed-up}. */
    public String action() {
        return type.substring("io.gatekeep.".length());
    }

    public static EventType ofType(String type) {
        EventType eventType = BY_TYPE.get(type);
        if (eventType == null) {
            throw new UnknownEventTypeException(type);
        }
        return eventType;
    }

    public static EventType ofPayload(EventPayload payload) {
        EventType eventType = BY_PAYLOAD.get(payload.getClass());
        if (eventType == null) {
            throw new UnknownEventTypeException(payload.getClass().getName());
        }
        return eventType;
    }
}
