package io.gatekeep.api.enforcement;

/** How a read of the setting or the compliance view ended. */
sealed interface ViewOutcome<T> {

    record Found<T>(T value) implements ViewOutcome<T> {}

    /** The organization does not exist or the caller is not in it. */
    record NotFound<T>() implements ViewOutcome<T> {}

    /** A plain member (see {@link io.gatekeep.api.enforcement.model.EnforcementAccessPolicy#mayView}). */
    record Forbidden<T>() implements ViewOutcome<T> {}
}
