package io.gatekeep.api.ratelimit.model;

import java.util.Objects;

/** At most {@code max} hits on {@code bucket} per window. */
public record Limit(String bucket, int max) {

    public Limit {
        Objects.requireNonNull(bucket, "bucket");
        if (max < 1) {
            throw new IllegalArgumentException("A limit must allow at least one hit, was " + max + " for " + bucket);
        }
    }
}
