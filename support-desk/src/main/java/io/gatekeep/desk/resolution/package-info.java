/** Closes approved tickets when the worker reports the reset applied (or not needed). */
package io.gatekeep.desk.resolution;
