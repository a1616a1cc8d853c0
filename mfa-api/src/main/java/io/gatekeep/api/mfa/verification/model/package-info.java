/** Outcomes of a second-factor check and the step-up rule. */
package io.gatekeep.api.mfa.verification.model;
