package io.gatekeep.api.invitations;

import io.gatekeep.api.accounts.PasswordHasher;
import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.invitations.model.Invitation;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.events.account.InvitationAccepted;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Redeems an invitation token: sets the password, activates the user and marks the invitation accepted, with the
 * {@code InvitationAccepted} event, in one transaction. The invitation row is locked, so a token works once even
 * when submitted twice at the same moment.
 */
@Component
class InvitationService {

    private final Invitations invitations;
    private final Users users;
    private final Memberships memberships;
    private final PasswordHasher passwords;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    InvitationService(Invitations invitations, Users users, Memberships memberships, PasswordHasher passwords,
                      OutboxWriter outbox, TransactionalOperator tx, Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    sealed interface Outcome {
        record Accepted(UUID organizationId, UUID userId) implements Outcome {
        }

        /** No invitation has this token (or its membership was removed since). */
        record Unknown() implements Outcome {
        }

        record Expired() implements Outcome {
        }

        record AlreadyUsed() implements Outcome {
        }
    }

    Mono<Outcome> accept(String token, String password, String clientIp) {
        // hash before the transaction, so the row lock is held only for the writes
        return passwords.hash(password).flatMap(hash -> tx.transactional(
                invitations.lockByTokenHash(SessionTokens.sha256(token))
                        .flatMap(invitation -> redeem(invitation, hash, clientIp))
                        .defaultIfEmpty(new Outcome.Unknown())));
    }

    private Mono<Outcome> redeem(Invitation invitation, String passwordHash, String clientIp) {
        Instant now = clock.instant();
        return switch (invitation.acceptanceAt(now)) {
            case EXPIRED -> Mono.just(new Outcome.Expired());
            case ALREADY_USED -> Mono.just(new Outcome.AlreadyUsed());
            case ACCEPTABLE -> memberships.find(invitation.organizationId(), invitation.userId())
                    .flatMap(member -> {
                        Invitation accepted = invitation.accept(now);
                        return users.lockById(invitation.userId())
                                .then(users.activate(invitation.userId(), passwordHash))
                                .then(invitations.markAccepted(accepted))
                                .then(outbox.append(new InvitationAccepted(invitation.organizationId(),
                                        invitation.userId(), invitation.id(), clientIp)))
                                .<Outcome>thenReturn(new Outcome.Accepted(invitation.organizationId(),
                                        invitation.userId()));
                    })
                    .defaultIfEmpty(new Outcome.Unknown());
        };
    }
}
