/** Account rules free of frameworks: email addresses, the password policy, user status. */
package io.gatekeep.api.accounts.model;
