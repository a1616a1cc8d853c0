/** How long a sign-in challenge lives. */
package io.gatekeep.api.mfa.challenge.model;
