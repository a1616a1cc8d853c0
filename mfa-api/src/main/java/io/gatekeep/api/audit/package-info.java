/** The read side of the audit trail ({@code audit_entry} is written by the worker from events). */
package io.gatekeep.api.audit;
