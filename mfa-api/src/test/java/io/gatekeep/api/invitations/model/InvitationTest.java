package io.gatekeep.api.invitations.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private final Instant issuedAt = Instant.parse("2026-03-01T10:00:00Z");
    private final Invitation invitation = Invitation.issue(
            UUID.randomUUID(),
            UUID.randomUUID(),
            new Invitation.Offer("ivy@example.test", Role.ADMIN, Set.of(Permission.MANAGE_ORG_ACCESS)),
            issuedAt);

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
        assertThatIllegalStateException()
                .isThrownBy(() -> accepted.accept(issuedAt.plusSeconds(7)))
                .withMessageContaining("ALREADY_USED");
    }

    @Test
    void declinedInvitationCannotBeAcceptedAnymore() {
        Invitation declined = invitation.decline(issuedAt.plusSeconds(5));
        assertThat(declined.acceptanceAt(issuedAt.plusSeconds(6))).isEqualTo(Invitation.Acceptance.ALREADY_USED);
        assertThatIllegalStateException().isThrownBy(() -> declined.accept(issuedAt.plusSeconds(7)));
    }

    @Test
    void acceptingMakesTheOfferedMembership() {
        assertThat(invitation.membership().role()).isEqualTo(Role.ADMIN);
        assertThat(invitation.membership().grants()).containsExactly(Permission.MANAGE_ORG_ACCESS);
        assertThat(invitation.membership().userId()).isEqualTo(invitation.userId());
    }
}
