/**
 * Invitations: the only way into an organization. Created when a member is added (the worker adds the one-time token
 * and sends the email), answered at {@code POST /api/v1/invitations/accept} (which makes the membership) or
 * {@code /decline}.
 */
package io.gatekeep.api.invitations;
