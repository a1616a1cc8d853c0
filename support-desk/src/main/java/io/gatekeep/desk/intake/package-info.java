/**
 * Email intake: turns raw support mail into an immutable {@link io.gatekeep.desk.intake.InboundMessage}, or a
 * {@link io.gatekeep.desk.intake.ParseOutcome.Rejected} value for mail over a limit or beyond repair. The MIME reading
 * is Apache James mime4j's streaming parser; framework-free.
 */
package io.gatekeep.desk.intake;
