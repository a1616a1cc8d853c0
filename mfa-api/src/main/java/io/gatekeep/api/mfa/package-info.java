/**
 * Authenticator-app MFA. The feature packages ({@code totp}, {@code secrets}, {@code recovery}, {@code qr},
 * {@code enrollment}, {@code lockout}, {@code verification}) are plain Java: no Spring, no R2DBC. {@code store} holds
 * the R2DBC repositories whose single statements make replay protection and lockout atomic across API instances.
 */
package io.gatekeep.api.mfa;
