/**
 * The internal, read-only account directory for other Gatekeep services (the support desk), behind service
 * credentials on {@code /internal/**}. Other services never write the account or MFA tables; they ask here.
 */
package io.gatekeep.api.directory;
