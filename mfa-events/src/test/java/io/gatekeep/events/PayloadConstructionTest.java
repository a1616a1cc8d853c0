package io.gatekeep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.events.account.MemberInvited;
import io.gatekeep.events.account.MemberUpdated;
import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.account.SignedUp;
import io.gatekeep.events.account.SignupConfirmationResent;
import io.gatekeep.events.account.SignupRequested;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaLockedOut;
import io.gatekeep.events.mfa.MfaVerificationFailed;
import io.gatekeep.events.support.MfaResetApproved;
import io.gatekeep.events.support.SupportTicketTransitioned;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every payload checks its facts when it is made, so that no producer can write an event that misses one. */
class PayloadConstructionTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-05T10:15:30Z");

    @Test
    void everyPayloadRejectsConstructionWithoutAnyFact() throws ReflectiveOperationException {
        for (EventType type : EventType.values()) {
            RecordComponent[] components = type.payloadType().getRecordComponents();
            Class<?>[] types =
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> canonical = type.payloadType().getDeclaredConstructor(types);
            Object[] nothing =
                    Arrays.stream(types).map(PayloadConstructionTest::empty).toArray();

            assertThatThrownBy(() -> construct(canonical, nothing))
                    .as("%s without any fact", type)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsMissingIdentifiers() {
        rejects(() -> new SignedIn(null, OTHER, SignInMethod.PASSWORD, null), "userId is required");
        rejects(() -> new SignedIn(USER, null, SignInMethod.PASSWORD, null), "sessionId is required");
        rejects(() -> new InvitationAccepted(null, USER, OTHER, null), "organizationId is required");
        rejects(() -> new InvitationAccepted(ORGANIZATION, USER, null, null), "invitationId is required");
    }

    @Test
    void rejectsMissingCodedValues() {
        rejects(() -> new SignedIn(USER, OTHER, null, null), "method is required");
        rejects(
                () -> new MfaVerificationFailed(USER, MfaVerificationFailed.Reason.INVALID_CODE, null, 1, null),
                "stage is required");
        rejects(() -> new PasswordChanged(USER, null, 0, null), "via is required");
    }

    @Test
    void rejectsBlankText() {
        rejects(() -> new SignedIn(USER, OTHER, SignInMethod.TOTP, " "), "clientIp must not be blank");
        rejects(() -> new SignedUp(ORGANIZATION, "", USER, "ada@acme.test", "Ada", null), "organizationName");
        rejects(
                () -> new MemberInvited(ORGANIZATION, USER, OTHER, "\t", null, "MEMBER", NOW, OTHER, null),
                "email must not be blank");
        rejects(() -> new SignupConfirmationResent(OTHER, "", null), "email must not be blank");
    }

    @Test
    void rejectsNegativeCounts() {
        rejects(
                () -> new SessionsRevoked(USER, null, null, -1, SessionsRevoked.Reason.USER_REQUEST, USER, null),
                "count must not be negative");
        rejects(() -> new MfaLockedOut(USER, NOW, -1, null), "lockoutCount must not be negative");
        rejects(
                () -> new MfaVerificationFailed(
                        USER, MfaVerificationFailed.Reason.INVALID_CODE, MfaVerificationFailed.Stage.SETUP, -1, null),
                "consecutiveFailures must not be negative");
    }

    @Test
    void signupRequestNamesEitherAPendingSignupOrAnAccount() {
        rejects(() -> new SignupRequested(null, null, "ada@acme.test", "Ada", "Acme", null), "exactly one");
        rejects(() -> new SignupRequested(OTHER, USER, "ada@acme.test", "Ada", "Acme", null), "exactly one");

        assertThat(new SignupRequested(OTHER, null, "Ada@Acme.test", "Ada", "Acme", null).partitionKey())
                .isEqualTo("signup/ada@acme.test");
        assertThat(new SignupRequested(null, USER, "ada@acme.test", null, null, null).partitionKey())
                .isEqualTo(USER.toString());
    }

    @Test
    void onlyASupportResetNamesATicket() {
        rejects(
                () -> new MfaDisabled(USER, OTHER, MfaDisabled.Reason.SUPPORT_RESET, null, null, null),
                "ticketId is set for, and only for, a support reset");
        rejects(
                () -> new MfaDisabled(USER, OTHER, MfaDisabled.Reason.USER_REQUEST, USER, OTHER, null),
                "ticketId is set for, and only for, a support reset");
    }

    @Test
    void acceptsTheFactsARecordDocumentsAsOptional() {
        SupportTicketTransitioned fromUnknownSender =
                new SupportTicketTransitioned(OTHER, "GK-1", "NEW", "NEEDS_AGENT", null, null, "SYSTEM", null);
        MfaResetApproved byAgentsAlone = new MfaResetApproved(
                OTHER, "GK-1", USER, ORGANIZATION, null, MfaResetApproved.Via.AGENT, "agent-7", NOW, NOW);
        MemberUpdated withoutClientIp =
                new MemberUpdated(ORGANIZATION, USER, "MEMBER", "ADMIN", Set.of(), Set.of(), OTHER, null);

        assertThat(fromUnknownSender.partitionKey()).isEqualTo(OTHER.toString());
        assertThat(byAgentsAlone.actorUserId()).isNull();
        assertThat(withoutClientIp.clientIp()).isNull();
    }

    private static void rejects(ThrowingCallable construction, String message) {
        assertThatThrownBy(construction)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static Object construct(Constructor<?> constructor, Object[] arguments) throws Throwable {
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Null for a reference, an impossible count for a number, false for a flag. */
    private static Object empty(Class<?> type) {
        if (type == int.class) {
            return -1;
        }
        if (type == long.class) {
            return -1L;
        }
        return type == boolean.class ? false : null;
    }
}
