package io.gatekeep.worker.mfa;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The re-check of a support reset at the moment it is applied ({@code gatekeep.support-reset.*}).
 *
 * @param minMembershipAge how long the approver must have held their role, and the requester their membership, for
 *                         the reset to go ahead: the same minimum the desk applies when it picks approvers
 *                         ({@code gatekeep.desk.min-membership-age}); set both alike. 0 on the local stack
 */
@ConfigurationProperties("gatekeep.support-reset")
public record SupportResetProperties(@DefaultValue("7d") Duration minMembershipAge) {}
