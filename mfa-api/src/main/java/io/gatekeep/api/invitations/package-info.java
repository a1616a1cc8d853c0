/**
 * Invitations: created with a new member (the worker adds the one-time token and sends the email), redeemed at
 * {@code POST /api/v1/invitations/accept}.
 */
package io.gatekeep.api.invitations;
