/** The user's authenticator credential as stored: active secret, replay state, revocation. */
package io.gatekeep.api.mfa.credential;
