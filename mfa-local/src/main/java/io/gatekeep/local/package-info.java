/** The one-command local stack: embedded infrastructure, the three services as child processes, a demo organization. */
package io.gatekeep.local;
