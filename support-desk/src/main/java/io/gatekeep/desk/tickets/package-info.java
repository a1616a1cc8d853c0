/** The ticket workflow's domain: states and guarded transitions, references, approval tokens, the rules. No framework. */
package io.gatekeep.desk.tickets;
