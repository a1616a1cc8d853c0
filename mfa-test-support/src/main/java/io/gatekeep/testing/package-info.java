/**
 * Real infrastructure for tests: {@link io.gatekeep.testing.TestPostgres}, {@link io.gatekeep.testing.TestKafka} and
 * {@link io.gatekeep.testing.TestMail}, started once per JVM, and {@link io.gatekeep.testing.TestEnvironment} which hands
 * each test class its own database, topic prefix and Spring properties.
 */
package io.gatekeep.testing;
