/** Organizations, memberships, roles and permissions; the member-management endpoints. */
package io.gatekeep.api.organizations;
