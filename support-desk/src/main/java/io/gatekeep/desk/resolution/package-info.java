/** Closes approved tickets when the worker reports the reset applied (or not needed), or hands back a refused one. */
package io.gatekeep.desk.resolution;
