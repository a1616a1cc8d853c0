/**
 * What follows from an organization turning MFA enforcement on or off: the notice to every member without MFA
 * (a resumable, throttled fan-out in batches, {@link io.gatekeep.worker.enforcement.FanOutJob}), the confirmation to
 * the owners, and optionally the end of the non-compliant members' sessions.
 */
package io.gatekeep.worker.enforcement;
