/** Password reset rules free of frameworks. */
package io.gatekeep.api.passwords.model;
