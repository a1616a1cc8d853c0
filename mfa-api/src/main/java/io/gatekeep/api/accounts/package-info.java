/** Sign-up, users and passwords; {@code GET /api/v1/me}. */
package io.gatekeep.api.accounts;
