/** Operational endpoints beyond Boot's defaults (served on the management port). */
package io.gatekeep.api.actuator;
