package io.gatekeep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.account.SignInFailed;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.events.mfa.MfaResetRefused;
import io.gatekeep.events.mfa.MfaVerificationFailed;
import io.gatekeep.events.mfa.SecondFactor;
import io.gatekeep.events.mfa.StepUpSucceeded;
import io.gatekeep.events.support.MfaResetApproved;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The wire format: enums travel as their names, exactly as the strings they replaced, and nothing but the record
 * components is written. The expected JSON is what the payloads wrote when these fields were strings.
 */
class EventJsonTest {

    private static final UUID USER = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID OTHER = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID ORGANIZATION = UUID.fromString("33333333-3333-3333-3333-333333333333");
    private static final UUID TICKET = UUID.fromString("44444444-4444-4444-4444-444444444444");
    private static final Instant APPROVED_AT = Instant.parse("2026-12-05T10:15:30Z");
    private static final String IP = "192.0.2.1";

    private final EventCodec codec = new EventCodec();

    @Test
    void writesSignInMethodAsItsName() {
        assertWire(new SignedIn(USER, OTHER, SignInMethod.TOTP, IP), """
                {"userId":"11111111-1111-1111-1111-111111111111","sessionId":"22222222-2222-2222-2222-222222222222",\
                "method":"TOTP","clientIp":"192.0.2.1"}""");
    }

    @Test
    void writesVerificationFailureReasonAndStageAsTheirNames() {
        assertWire(
                new MfaVerificationFailed(
                        USER,
                        MfaVerificationFailed.Reason.CODE_ALREADY_USED,
                        MfaVerificationFailed.Stage.STEP_UP,
                        3,
                        IP),
                """
                {"userId":"11111111-1111-1111-1111-111111111111","reason":"CODE_ALREADY_USED","stage":"STEP_UP",\
                "consecutiveFailures":3,"clientIp":"192.0.2.1"}""");
    }

    @Test
    void writesAbsentFactsOfASupportResetAsNull() {
        assertWire(new MfaDisabled(USER, OTHER, MfaDisabled.Reason.SUPPORT_RESET, null, TICKET, null), """
                {"userId":"11111111-1111-1111-1111-111111111111","credentialId":"22222222-2222-2222-2222-222222222222",\
                "reason":"SUPPORT_RESET","actorUserId":null,"ticketId":"44444444-4444-4444-4444-444444444444",\
                "clientIp":null}""");
    }

    @Test
    void writesSessionsRevokedReasonAsItsName() {
        assertWire(new SessionsRevoked(USER, null, OTHER, 2, SessionsRevoked.Reason.RECOVERY_CODE, USER, IP), """
                {"userId":"11111111-1111-1111-1111-111111111111","sessionId":null,\
                "keptSessionId":"22222222-2222-2222-2222-222222222222","count":2,"reason":"RECOVERY_CODE",\
                "actorUserId":"11111111-1111-1111-1111-111111111111","clientIp":"192.0.2.1"}""");
    }

    @Test
    void writesPasswordChangeViaAsItsName() {
        assertWire(new PasswordChanged(USER, PasswordChanged.Via.RESET, 1, IP), """
                {"userId":"11111111-1111-1111-1111-111111111111","via":"RESET","sessionsEnded":1,\
                "clientIp":"192.0.2.1"}""");
    }

    @Test
    void writesSupportResetApprovalAndRefusalAsTheirNames() {
        assertWire(
                new MfaResetApproved(
                        TICKET,
                        "GK-1234",
                        USER,
                        ORGANIZATION,
                        OTHER,
                        MfaResetApproved.Via.OWNER_REPLY,
                        null,
                        APPROVED_AT,
                        APPROVED_AT.plusSeconds(86_400)),
                """
                {"ticketId":"44444444-4444-4444-4444-444444444444","reference":"GK-1234",\
                "userId":"11111111-1111-1111-1111-111111111111","organizationId":"33333333-3333-3333-3333-333333333333",\
                "approverUserId":"22222222-2222-2222-2222-222222222222","approvedVia":"OWNER_REPLY","agentId":null,\
                "approvedAt":"2026-12-05T10:15:30Z","resetAt":"2026-12-06T10:15:30Z"}""");
        assertWire(
                new MfaResetRefused(
                        TICKET, "GK-1234", USER, ORGANIZATION, OTHER, MfaResetRefused.Reason.TICKET_MISMATCH),
                """
                {"ticketId":"44444444-4444-4444-4444-444444444444","reference":"GK-1234",\
                "userId":"11111111-1111-1111-1111-111111111111","organizationId":"33333333-3333-3333-3333-333333333333",\
                "approverUserId":"22222222-2222-2222-2222-222222222222","reason":"TICKET_MISMATCH"}""");
    }

    @Test
    void writesSecondFactorAndSignInFailureAsTheirNames() {
        assertWire(new StepUpSucceeded(USER, OTHER, SecondFactor.RECOVERY_CODE, IP), """
                {"userId":"11111111-1111-1111-1111-111111111111","sessionId":"22222222-2222-2222-2222-222222222222",\
                "method":"RECOVERY_CODE","clientIp":"192.0.2.1"}""");
        assertWire(new SignInFailed(USER, SignInFailed.Reason.RATE_LIMITED, IP), """
                {"userId":"11111111-1111-1111-1111-111111111111","reason":"RATE_LIMITED","clientIp":"192.0.2.1"}""");
    }

    @Test
    void writesOnlyTheComponentsOfAnOrganizationEvent() {
        assertWire(new MfaEnforcementChanged(ORGANIZATION, false, true, true, USER, IP), """
                {"organizationId":"33333333-3333-3333-3333-333333333333","previouslyEnforced":false,"enforced":true,\
                "revokeNonCompliantSessions":true,"actorUserId":"11111111-1111-1111-1111-111111111111",\
                "clientIp":"192.0.2.1"}""");
    }

    @Test
    void rejectsAReasonOutsideTheCatalogueAsMalformed() {
        String json = """
                {"userId":"11111111-1111-1111-1111-111111111111","reason":"GUESSED","clientIp":null}""";

        assertThatThrownBy(() -> codec.read(EventType.SIGN_IN_FAILED.type(), json))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void rejectsAPayloadMissingARequiredFactAsMalformed() {
        String json = """
                {"sessionId":"22222222-2222-2222-2222-222222222222","method":"TOTP","clientIp":null}""";

        assertThatThrownBy(() -> codec.read(EventType.SIGNED_IN.type(), json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("userId");
    }

    private void assertWire(EventPayload payload, String expectedJson) {
        assertThat(codec.toJson(payload)).isEqualTo(expectedJson);
        assertThat(codec.read(EventType.ofPayload(payload).type(), expectedJson))
                .isEqualTo(payload);
    }
}
