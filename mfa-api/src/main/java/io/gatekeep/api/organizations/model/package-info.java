/** Roles, permissions and the member-management rules as small named policies, free of frameworks. */
package io.gatekeep.api.organizations.model;
