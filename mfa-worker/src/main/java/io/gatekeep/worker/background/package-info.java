/** Background work in rounds: {@link io.gatekeep.worker.background.RoundLoop}. */
package io.gatekeep.worker.background;
