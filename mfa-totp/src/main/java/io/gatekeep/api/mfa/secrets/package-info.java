/** TOTP secrets at rest: AES-256-GCM under a keyring whose key id is stored with each ciphertext (rotation). */
package io.gatekeep.api.mfa.secrets;
