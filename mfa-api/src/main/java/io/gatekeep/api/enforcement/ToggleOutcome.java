package io.gatekeep.api.enforcement;

import io.gatekeep.api.enforcement.model.EnforcementSetting;

/** How a request to change enforcement ended; {@link EnforcementController} maps each to its response. */
sealed interface ToggleOutcome {

    /** The setting changed and the change was announced. */
    record Changed(EnforcementSetting setting) implements ToggleOutcome {}

    /** The request asked for the current setting: nothing written, nothing announced. */
    record Unchanged(EnforcementSetting setting) implements ToggleOutcome {}

    /** The organization does not exist or the caller is not in it. */
    record NotFound() implements ToggleOutcome {}

    /** A member without MANAGE_ORG_ACCESS. */
    record Forbidden() implements ToggleOutcome {}

    /** The actor has no MFA of their own. */
    record ActorMfaNotEnabled() implements ToggleOutcome {}

    /** The actor's session did not pass a TOTP code of their current credential. */
    record StepUpRequired() implements ToggleOutcome {}
}
