/** The one source of "now": a {@link java.time.Clock} bean that tests replace with a movable clock. */
package io.gatekeep.api.time;
