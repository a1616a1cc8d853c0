package io.gatekeep.api.enforcement.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's MFA enforcement, as stored on its row.
 *
 * @param enforced                   whether every member must have MFA (checked at sign-in)
 * @param revokeNonCompliantSessions whether turning enforcement on also ends the sessions of members without MFA
 * @param changedAt                  when {@code enforced} last changed, null if never
 * @param changedBy                  who changed it then, null if never (or the account is gone)
 */
public record EnforcementSetting(
        boolean enforced, boolean revokeNonCompliantSessions, Instant changedAt, UUID changedBy) {

    /**
     * The setting after {@code actor} asks for {@code wantEnforced} (and, when not null, {@code wantRevoke}); empty
     * when that is the current setting, so a repeated request changes and announces nothing. {@code changedAt} and
     * {@code changedBy} follow the enforcement flag only: changing just the session option keeps them.
     */
    public Optional<EnforcementSetting> request(boolean wantEnforced, Boolean wantRevoke, UUID actor, Instant now) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(now, "now");
        boolean revoke = wantRevoke == null ? revokeNonCompliantSessions : wantRevoke;
        if (wantEnforced == enforced && revoke == revokeNonCompliantSessions) {
            return Optional.empty();
        }
        if (wantEnforced == enforced) {
            return Optional.of(new EnforcementSetting(enforced, revoke, changedAt, changedBy));
        }
        return Optional.of(new EnforcementSetting(wantEnforced, revoke, now, actor));
    }
}
