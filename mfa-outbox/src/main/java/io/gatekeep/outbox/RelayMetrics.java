package io.gatekeep.outbox;

/** What the relay reports about itself; Micrometer-backed when Micrometer is present. */
public interface RelayMetrics {

    RelayMetrics NONE = new RelayMetrics() {};

    default void published(int count) {}

    default void failed() {}

    default void blocked() {}
}
