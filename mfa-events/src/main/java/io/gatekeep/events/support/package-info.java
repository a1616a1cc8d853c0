/** Events of the support desk's lost-recovery-code tickets; keyed by ticket. */
package io.gatekeep.events.support;
