/** The invitation lifecycle, free of frameworks. */
package io.gatekeep.api.invitations.model;
