package io.gatekeep.desk.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TicketStatusTest {

    @Test
    void finalStatesAllowNoMoveAndTheErrorNamesTheCurrentState() {
        for (TicketStatus done : new TicketStatus[] {
            TicketStatus.RESOLVED, TicketStatus.DENIED, TicketStatus.CANCELLED, TicketStatus.EXPIRED
        }) {
            assertThat(done.isFinal()).isTrue();
            assertThatThrownBy(() -> done.moveTo(TicketStatus.APPROVED, "SYSTEM", "x"))
                    .isInstanceOf(IllegalTicketTransition.class)
                    .hasMessageContaining(done.name());
        }
    }

    @Test
    void approvedResolvesIsCancelledOrGoesBackToAnAgentAndOnlyWaitingOrEscalatedTicketsApprove() {
        assertThat(TicketStatus.APPROVED.canMoveTo(TicketStatus.RESOLVED)).isTrue();
        assertThat(TicketStatus.APPROVED.canMoveTo(TicketStatus.CANCELLED)).isTrue();
        assertThat(TicketStatus.APPROVED.canMoveTo(TicketStatus.NEEDS_AGENT)).isTrue();
        assertThat(TicketStatus.APPROVED.canMoveTo(TicketStatus.DENIED)).isFalse();
        assertThat(TicketStatus.NEEDS_AGENT.canMoveTo(TicketStatus.PENDING_SECOND_APPROVAL))
                .isTrue();
        assertThat(TicketStatus.AWAITING_APPROVAL.canMoveTo(TicketStatus.PENDING_SECOND_APPROVAL))
                .isFalse();
        assertThat(TicketStatus.PENDING_SECOND_APPROVAL.canMoveTo(TicketStatus.APPROVED))
                .isTrue();
        assertThat(TicketStatus.AWAITING_REQUESTER.canMoveTo(TicketStatus.APPROVED))
                .isFalse();
        assertThat(TicketStatus.AWAITING_APPROVAL.canMoveTo(TicketStatus.APPROVED))
                .isTrue();
        assertThat(TicketStatus.NEEDS_AGENT.canMoveTo(TicketStatus.APPROVED)).isTrue();
    }

    @Test
    void referencesUseTheUnambiguousAlphabetAndAreFoundInSubjects() {
        TicketReference reference = TicketReference.random(new SecureRandom());
        assertThat(reference.value()).matches("MFA-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}");
        assertThat(TicketReference.inSubject("Re: [" + reference + "] Please confirm"))
                .contains(reference);
        assertThat(TicketReference.inSubject("Re: [MFA-0O1IL] nothing")).isEmpty();
    }

    @Test
    void tokensHave160RandomBitsComeBackLowerCasedFromPlusAddressesAndNeverPrint() {
        ApprovalToken token = ApprovalToken.generate(new SecureRandom());
        assertThat(token.value()).matches("[a-z2-7]{32}");
        assertThat(ApprovalToken.parse(token.value().toUpperCase())).contains(token);
        assertThat(ApprovalToken.parse("CAF=abc@mail.gmail.com")).isEmpty();
        assertThat(token.hash()).hasSize(32);
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
