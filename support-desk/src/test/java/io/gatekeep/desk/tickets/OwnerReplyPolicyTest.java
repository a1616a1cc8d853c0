package io.gatekeep.desk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.reply.Decision;
import io.gatekeep.desk.tickets.OwnerReply.StoredToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnerReplyPolicyTest {

    static final Instant SENT = Instant.parse("2026-12-05T10:00:00Z");
    static final String OWNER = "owner@acme.example";

    final OwnerReplyPolicy policy = new OwnerReplyPolicy();

    @Test
    void aFreshAuthenticatedApprovalFromTheApproverApproves() {
        assertThat(policy.decide(reply(token(Optional.empty()), Optional.of(SENT.plusSeconds(60)))))
                .isInstanceOf(ReplyOutcome.Approve.class);
    }

    @Test
    void aTokenTakesOneDecisionASecondReplyIsRecordedAndIgnored() {
        ReplyOutcome outcome =
                policy.decide(reply(token(Optional.of(SENT.plusSeconds(120))), Optional.of(SENT.plusSeconds(60))));

        assertThat(outcome).isInstanceOfSatisfying(ReplyOutcome.Ignore.class, ignore -> {
            assertThat(ignore.reason()).isEqualTo("TOKEN_ALREADY_USED");
            assertThat(ignore.checks())
                    .anySatisfy(check -> assertThat(check.name()).isEqualTo("token-unused"));
        });
    }

    @Test
    void anOldSignedApprovalWrittenBeforeTheRequestIsRefused() {
        ReplyOutcome outcome =
                policy.decide(reply(token(Optional.empty()), Optional.of(SENT.minus(Duration.ofDays(30)))));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ReplyOutcome.Escalate.class,
                        escalate -> assertThat(escalate.checks()).anySatisfy(check -> {
                            assertThat(check.name()).isEqualTo("reply-newer-than-request");
                            assertThat(check.passed()).isFalse();
                        }));
    }

    @Test
    void aSenderClockAFewMinutesBehindIsTolerated() {
        assertThat(policy.decide(reply(token(Optional.empty()), Optional.of(SENT.minus(Duration.ofMinutes(10))))))
                .isInstanceOf(ReplyOutcome.Approve.class);
    }

    @Test
    void aReplyWithoutADateCannotShowItIsNewer() {
        assertThat(policy.decide(reply(token(Optional.empty()), Optional.empty())))
                .isInstanceOf(ReplyOutcome.Escalate.class);
    }

    private static StoredToken token(Optional<Instant> usedAt) {
        return new StoredToken(
                UUID.randomUUID(), UUID.randomUUID(), OWNER, "MFA_RESET", SENT, SENT.plus(Duration.ofDays(3)), usedAt);
    }

    private static OwnerReply reply(StoredToken token, Optional<Instant> written) {
        return new OwnerReply(
                Optional.of(token),
                TicketStatus.AWAITING_APPROVAL,
                false,
                Optional.of(OWNER),
                Set.of(),
                Optional.of(Check.pass("sender-authenticated", "dmarc=pass")),
                Decision.APPROVE,
                written,
                SENT.plus(Duration.ofMinutes(5)));
    }
}
