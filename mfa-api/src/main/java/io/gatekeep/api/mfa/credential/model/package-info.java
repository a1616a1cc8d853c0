/** The user's authenticator credential: active secret, replay state, revocation reasons. */
package io.gatekeep.api.mfa.credential.model;
