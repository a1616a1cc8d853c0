/**
 * Email intake: turns raw support mail into an immutable {@link io.gatekeep.desk.intake.InboundMessage}, or a
 * {@link io.gatekeep.desk.intake.ParseOutcome.Rejected} value for mail over a limit or beyond repair. Framework-free.
 */
package io.gatekeep.desk.intake;
