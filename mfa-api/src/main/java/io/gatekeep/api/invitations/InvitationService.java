package io.gatekeep.api.invitations;

import io.gatekeep.api.accounts.MfaStatus;
import io.gatekeep.api.accounts.MfaStatusSource;
import io.gatekeep.api.accounts.PasswordHasher;
import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.invitations.model.Invitation;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.events.account.InvitationDeclined;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Answers an invitation token. Accepting makes the membership the invitation offers (joined via
 * {@code INVITATION}), with the {@code InvitationAccepted} event, in one transaction: a new account (invited without
 * one) sets its password, which activates it (the token proves the address); an existing account accepts only with
 * its own session (MFA-verified when it has MFA), since the token is bound to the address it was sent to. Declining
 * records the answer and makes nothing. The invitation row is locked, so a token works once even when submitted twice
 * at the same moment.
 */
@Component
class InvitationService {

    private final Invitations invitations;
    private final Users users;
    private final Memberships memberships;
    private final PasswordHasher passwords;
    private final ObjectProvider<MfaStatusSource> mfaStatus;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    InvitationService(
            Invitations invitations,
            Users users,
            Memberships memberships,
            PasswordHasher passwords,
            ObjectProvider<MfaStatusSource> mfaStatus,
            OutboxWriter outbox,
            TransactionalOperator tx,
            Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.mfaStatus = mfaStatus;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    sealed interface Outcome {
        record Accepted(UUID organizationId, UUID userId) implements Outcome {}

        record Declined(UUID organizationId) implements Outcome {}

        /** No invitation has this token (or it was cancelled or replaced since). */
        record Unknown() implements Outcome {}

        record Expired() implements Outcome {}

        record AlreadyUsed() implements Outcome {}

        /** The address has an account: accept with its session, not with a password. */
        record SignInRequired() implements Outcome {}

        /** A new account accepts with a password. */
        record PasswordRequired() implements Outcome {}

        /** The session's account is not the invited address. */
        record NotYourInvitation() implements Outcome {}

        /** The account has MFA and the session was not verified with it. */
        record MfaVerificationRequired() implements Outcome {}
    }

    /** A new account's acceptance: sets {@code password}. */
    Mono<Outcome> acceptWithPassword(String token, String password, String clientIp) {
        // hash before the transaction, so the row lock is held only for the writes
        return passwords
                .hash(password)
                .flatMap(hash -> answer(
                        token,
                        invitation -> users.lockById(invitation.userId())
                                .flatMap(user -> user.status() == UserStatus.ACTIVE
                                        ? Mono.<Outcome>just(new Outcome.SignInRequired())
                                        : users.activate(user.id(), hash).then(join(invitation, clientIp)))));
    }

    /** An existing account's acceptance, with its own session. */
    Mono<Outcome> acceptWithSession(String token, CurrentSession session, String clientIp) {
        return mfaOf(session.userId())
                .flatMap(mfa -> answer(token, invitation -> {
                    if (!invitation.userId().equals(session.userId())) {
                        return Mono.<Outcome>just(new Outcome.NotYourInvitation());
                    }
                    if (mfa.enabled() && !session.mfaVerified()) {
                        return Mono.<Outcome>just(new Outcome.MfaVerificationRequired());
                    }
                    return users.lockById(session.userId())
                            .filter(user -> user.status() == UserStatus.ACTIVE)
                            .flatMap(user -> join(invitation, clientIp))
                            .defaultIfEmpty(new Outcome.PasswordRequired());
                }));
    }

    /** Declining needs only the token: it proves the address, and declining gives nobody anything. */
    Mono<Outcome> decline(String token, String clientIp) {
        return answer(token, invitation -> {
            Invitation declined = invitation.decline(clock.instant());
            return invitations
                    .markDeclined(declined)
                    .then(outbox.append(new InvitationDeclined(
                            invitation.organizationId(), invitation.userId(), invitation.id(), clientIp)))
                    .thenReturn(new Outcome.Declined(invitation.organizationId()));
        });
    }

    /** Locks the token's invitation and applies {@code work} only while it is open. */
    private Mono<Outcome> answer(String token, java.util.function.Function<Invitation, Mono<Outcome>> work) {
        return tx.transactional(invitations
                .lockByTokenHash(SessionTokens.sha256(token))
                .flatMap(invitation -> switch (invitation.acceptanceAt(clock.instant())) {
                    case EXPIRED -> Mono.<Outcome>just(new Outcome.Expired());
                    case ALREADY_USED -> Mono.<Outcome>just(new Outcome.AlreadyUsed());
                    case ACCEPTABLE -> work.apply(invitation);
                })
                .defaultIfEmpty(new Outcome.Unknown()));
    }

    private Mono<Outcome> join(Invitation invitation, String clientIp) {
        Instant now = clock.instant();
        Invitation accepted = invitation.accept(now);
        Mono<Void> membership = memberships
                .find(invitation.organizationId(), invitation.userId())
                .hasElement()
                .flatMap(member -> member
                        ? Mono.<Void>empty()
                        : memberships.insert(invitation.membership(), now, Memberships.JoinedVia.INVITATION));
        return membership
                .then(invitations.markAccepted(accepted))
                .then(outbox.append(new InvitationAccepted(
                        invitation.organizationId(), invitation.userId(), invitation.id(), clientIp)))
                .thenReturn(new Outcome.Accepted(invitation.organizationId(), invitation.userId()));
    }

    private Mono<MfaStatus> mfaOf(UUID userId) {
        MfaStatusSource source = mfaStatus.getIfAvailable();
        return source == null
                ? Mono.just(MfaStatus.NONE)
                : source.statusOf(userId).defaultIfEmpty(MfaStatus.NONE);
    }
}
