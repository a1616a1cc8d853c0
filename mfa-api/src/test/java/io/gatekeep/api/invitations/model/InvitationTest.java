package io.gatekeep.api.invitations.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private final Instant issuedAt = Instant.parse("2026-03-01T10:00:00Z");
    private final Invitation invitation = Invitation.issue(UUID.randomUUID(), UUID.randomUUID(), issuedAt);

    @Test
    void isAcceptableForSevenDays() {
        assertThat(invitation.acceptanceAt(issuedAt.plus(Duration.ofDays(7)).minusMillis(1)))
                .isEqualTo(Invitation.Acceptance.ACCEPTABLE);
        assertThat(invitation.acceptanceAt(issuedAt.plus(Duration.ofDays(7)))).isEqualTo(Invitation.Acceptance.EXPIRED);
    }

    @Test
    void isSingleUse() {
        Invitation accepted = invitation.accept(issuedAt.plusSeconds(5));
        assertThat(accepted.acceptanceAt(issuedAt.plusSeconds(6))).isEqualTo(Invitation.Acceptance.ALREADY_USED);
        assertThatIllegalStateException().isThrownBy(() -> accepted.accept(issuedAt.plusSeconds(7)))
                .withMessageContaining("ALREADY_USED");
    }
}
