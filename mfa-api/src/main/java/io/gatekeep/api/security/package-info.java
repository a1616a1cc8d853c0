/**
 * The reactive security chain: bearer session tokens, which routes need a session, and 401/403 as problem responses.
 */
package io.gatekeep.api.security;
