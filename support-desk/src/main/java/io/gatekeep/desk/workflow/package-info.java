/** The recovery workflow applied to mail and events: one PostgreSQL transaction per message, event or action. */
package io.gatekeep.desk.workflow;
