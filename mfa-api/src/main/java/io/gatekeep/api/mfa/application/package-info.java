/**
 * Reactive use cases that combine the MFA rules with the stores, in the order the security invariants need. They
 * return outcomes and write no events: the caller runs them inside its transaction and writes the events the outcome
 * names to the outbox in that same transaction.
 */
package io.gatekeep.api.mfa.application;
