/** Support agents: their accounts, the desk's REST API (queue, ticket, actions) and the audit of every action. */
package io.gatekeep.desk.agents;
