package io.gatekeep.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.events.account.MemberLeft;
import io.gatekeep.events.account.PasswordResetRequested;
import io.gatekeep.events.account.SignupConfirmationResent;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.events.mfa.MfaResetRefused;
import io.gatekeep.events.mfa.MfaSetupExpired;
import io.gatekeep.events.support.SupportTicketTransitioned;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A payload states the facts it has through the interfaces it implements; the envelope's key and subject follow. */
class EventFactsTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final UUID TICKET = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-05T10:15:30Z");

    private final EventCodec codec = new EventCodec();

    @Test
    void aMembersOwnActNamesThemAsActor() {
        MemberLeft left = new MemberLeft(ORGANIZATION, USER, "MEMBER", "192.0.2.1");

        assertThat(left).isInstanceOf(UserEvent.class).isInstanceOf(OrganizationEvent.class);
        assertThat(left.actorUserId()).isEqualTo(USER);
        assertThat(envelope(left).subject()).isEqualTo("user/" + USER);
        assertThat(envelope(left).key()).isEqualTo(USER.toString());
    }

    @Test
    void factsNobodyCausedNameNoActorAndNoRequest() {
        MfaSetupExpired expired = new MfaSetupExpired(USER, UUID.randomUUID(), NOW);
        PasswordResetRequested askedFor = new PasswordResetRequested(USER, UUID.randomUUID(), NOW, "192.0.2.1");

        assertThat(expired).isNotInstanceOf(ActorEvent.class).isNotInstanceOf(RequestEvent.class);
        assertThat(askedFor).isNotInstanceOf(ActorEvent.class).isInstanceOf(RequestEvent.class);
    }

    @Test
    void anOrganizationFactIsKeyedAndNamedByItsOrganization() {
        MfaEnforcementChanged changed = new MfaEnforcementChanged(ORGANIZATION, false, true, false, USER, null);

        assertThat(changed).isNotInstanceOf(UserEvent.class);
        assertThat(envelope(changed).key()).isEqualTo(ORGANIZATION.toString());
        assertThat(envelope(changed).subject()).isEqualTo("organization/" + ORGANIZATION);
    }

    @Test
    void ticketFactsAreKeyedByTicketAndNamedByWhatTheyKnow() {
        SupportTicketTransitioned unknownSender =
                new SupportTicketTransitioned(TICKET, "GK-1", "NEW", "NEEDS_AGENT", null, null, "SYSTEM", "NO_USER");
        MfaResetRefused refused = new MfaResetRefused(
                TICKET, "GK-1", USER, ORGANIZATION, null, MfaResetRefused.Reason.APPROVER_NOT_ELIGIBLE);

        assertThat(envelope(unknownSender).key()).isEqualTo(TICKET.toString());
        assertThat(envelope(unknownSender).subject()).isNull();
        assertThat(envelope(refused).key()).isEqualTo(TICKET.toString());
        assertThat(envelope(refused).subject()).isEqualTo("user/" + USER);
    }

    @Test
    void aPendingSignupIsAboutNobodyYet() {
        SignupConfirmationResent resent = new SignupConfirmationResent(UUID.randomUUID(), "Ada@Acme.test", null);

        assertThat(resent).isNotInstanceOf(UserEvent.class).isNotInstanceOf(OrganizationEvent.class);
        assertThat(envelope(resent).key()).isEqualTo("signup/ada@acme.test");
        assertThat(envelope(resent).subject()).isNull();
    }

    private EventEnvelope envelope(EventPayload payload) {
        return codec.envelope(payload, "/gatekeep/test", NOW);
    }
}
