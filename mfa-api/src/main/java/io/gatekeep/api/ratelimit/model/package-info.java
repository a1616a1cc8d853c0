/** Rate-limit arithmetic, free of frameworks. */
package io.gatekeep.api.ratelimit.model;
