/**
 * The audit trail: every event becomes {@code audit_entry} rows (who, what, when, organization, user, client IP), in an
 * organization's audit or in the account's own security log as {@link io.gatekeep.worker.audit.AuditScope} decides.
 */
package io.gatekeep.worker.audit;
