/** The audit trail: every event becomes {@code audit_entry} rows (who, what, when, organization, user, client IP). */
package io.gatekeep.worker.audit;
