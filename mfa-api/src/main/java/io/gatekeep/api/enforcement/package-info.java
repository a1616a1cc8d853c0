/** Organization-wide MFA enforcement: the toggle, the compliance view, and whether a user must have MFA. */
package io.gatekeep.api.enforcement;
