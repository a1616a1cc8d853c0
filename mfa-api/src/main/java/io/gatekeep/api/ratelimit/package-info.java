/**
 * Fixed-window rate limits counted in PostgreSQL ({@code rate_limit_counter}), so a limit holds across every API
 * instance.
 */
package io.gatekeep.api.ratelimit;
