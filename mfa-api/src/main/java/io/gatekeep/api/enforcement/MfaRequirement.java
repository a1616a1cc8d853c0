package io.gatekeep.api.enforcement;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** Says whether a user must have MFA because an organization they belong to enforces it. */
public interface MfaRequirement {

    /** True when at least one of the user's organizations enforces MFA. */
    Mono<Boolean> isRequiredFor(UUID userId);
}
