/** Who may read an organization's audit trail, and the paging cursor; free of frameworks. */
package io.gatekeep.api.audit.model;
