/** Gatekeep's reactive HTTP API, packaged by feature. */
package io.gatekeep.api;
