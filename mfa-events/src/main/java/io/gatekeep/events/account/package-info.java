/** Events about organizations, users, memberships, invitations and sessions. */
package io.gatekeep.events.account;
