package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.Role;
import io.gatekeep.api.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creates an organization with its first owner, in one transaction with the {@code SignedUp} event. */
@Component
class SignupService {

    private final Users users;
    private final Memberships memberships;
    private final PasswordHasher passwords;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    SignupService(Users users, Memberships memberships, PasswordHasher passwords, OutboxWriter outbox,
                  TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    sealed interface Outcome {
        record SignedUp(UUID organizationId, String organizationName, Instant createdAt, UserAccount owner)
                implements Outcome {
        }

        record EmailTaken() implements Outcome {
        }
    }

    Mono<Outcome> signUp(String organizationName, String email, String password, String displayName,
                         String clientIp) {
        // Hash first (off the event loop, outside the transaction): the transaction then holds its connection briefly.
        return users.findByEmail(email)
                .<Outcome>map(existing -> new Outcome.EmailTaken())
                .switchIfEmpty(Mono.defer(() -> passwords.hash(password)
                        .flatMap(hash -> tx.transactional(create(organizationName, email, hash, displayName,
                                clientIp)))))
                // two sign-ups with one email at the same moment: the unique index decides
                .onErrorReturn(DuplicateKeyException.class, new Outcome.EmailTaken());
    }

    private Mono<Outcome> create(String organizationName, String email, String hash, String displayName,
                                 String clientIp) {
        Instant now = clock.instant();
        UUID organizationId = UUID.randomUUID();
        UserAccount owner = new UserAccount(UUID.randomUUID(), email, displayName, hash, UserStatus.ACTIVE, now);
        return memberships.createOrganization(organizationId, organizationName, now)
                .then(users.insert(owner))
                .then(memberships.insert(new Member(organizationId, owner.id(), Role.OWNER, Set.of()), now,
                        Memberships.JoinedVia.CREATED))
                .then(outbox.append(new io.gatekeep.events.account.SignedUp(organizationId, organizationName,
                        owner.id(), email, displayName, clientIp)))
                .thenReturn(new Outcome.SignedUp(organizationId, organizationName, now, owner));
    }
}
