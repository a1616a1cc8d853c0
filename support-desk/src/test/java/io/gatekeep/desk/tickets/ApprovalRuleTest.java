package io.gatekeep.desk.tickets;

import static io.gatekeep.desk.tickets.ApprovalRule.Verdict.APPROVE;
import static io.gatekeep.desk.tickets.ApprovalRule.Verdict.FIRST_OF_TWO;
import static io.gatekeep.desk.tickets.ApprovalRule.Verdict.NOT_ALLOWED;
import static io.gatekeep.desk.tickets.ApprovalRule.Verdict.OWNER_CONFIRMATION_REQUIRED;
import static io.gatekeep.desk.tickets.ApprovalRule.Verdict.SAME_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalRuleTest {

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void anAgentAloneOnlyRecordsTheFirstOfTwoApprovalsWithoutAnOwnerConfirmation() {
        assertThat(ApprovalRule.decide(TicketStatus.NEEDS_AGENT, false, Optional.empty(), ann))
                .isEqualTo(FIRST_OF_TWO);
    }

    @Test
    void theSecondApprovalCompletesOnlyFromADifferentAgent() {
        assertThat(ApprovalRule.decide(TicketStatus.PENDING_SECOND_APPROVAL, false, Optional.of(ann), ann))
                .isEqualTo(SAME_AGENT);
        assertThat(ApprovalRule.decide(TicketStatus.PENDING_SECOND_APPROVAL, false, Optional.of(ann), bob))
                .isEqualTo(APPROVE);
    }

    @Test
    void aRecordedOwnerConfirmationLetsOneAgentApprove() {
        assertThat(ApprovalRule.decide(TicketStatus.NEEDS_AGENT, true, Optional.empty(), ann))
                .isEqualTo(APPROVE);
    }

    @Test
    void agentsCannotApproveOverTheHeadOfAnOwnerWhoWasAskedNorAnythingFinalOrApproved() {
        assertThat(ApprovalRule.decide(TicketStatus.AWAITING_APPROVAL, false, Optional.empty(), ann))
                .isEqualTo(OWNER_CONFIRMATION_REQUIRED);
        assertThat(ApprovalRule.decide(TicketStatus.AWAITING_REQUESTER, false, Optional.empty(), ann))
                .isEqualTo(OWNER_CONFIRMATION_REQUIRED);
        for (TicketStatus status : new TicketStatus[] {
            TicketStatus.APPROVED,
            TicketStatus.RESOLVED,
            TicketStatus.DENIED,
            TicketStatus.CANCELLED,
            TicketStatus.EXPIRED
        }) {
            assertThat(ApprovalRule.decide(status, true, Optional.empty(), ann))
                    .as("%s", status)
                    .isEqualTo(NOT_ALLOWED);
        }
    }

    @Test
    void aResetCanBeStoppedOnlyWhileApprovedUnreleasedAndBeforeItsTime() {
        Instant approved = Instant.parse("2026-12-01T10:00:00Z");
        Instant reset = approved.plusSeconds(86_400);
        ResetWindow waiting = new ResetWindow(TicketStatus.APPROVED, approved, reset, null);
        assertThat(waiting.stoppableAt(reset.minusSeconds(1))).isTrue();
        assertThat(waiting.stoppableAt(reset)).isFalse();
        assertThat(new ResetWindow(TicketStatus.APPROVED, approved, reset, reset).stoppableAt(approved))
                .isFalse();
        assertThat(new ResetWindow(TicketStatus.NEEDS_AGENT, approved, reset, null).stoppableAt(approved))
                .isFalse();
    }
}
