/** Background work in rounds: {@link io.gatekeep.messaging.background.RoundLoop}. */
package io.gatekeep.messaging.background;
