package io.gatekeep.desk.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may confirm a recovery and how often they are asked ({@code gatekeep.desk.*}, next to {@link DeskProperties}).
 *
 * @param minMembershipAge how old both the requester's membership and the approver's ownership must be (default 7
 *     days: an organization created or an ownership granted a minute ago confirms nothing); 0 on the local stack
 * @param confirmationsPerOwnerPerDay confirmation requests one owner receives in 24 hours; beyond them the ticket goes
 *     to an agent (counted in the database, so it holds across desk replicas)
 */
@ConfigurationProperties("gatekeep.desk")
public record ApproverRulesProperties(
        @DefaultValue("7d") Duration minMembershipAge,
        @DefaultValue("3") int confirmationsPerOwnerPerDay) {

    public ApproverRulesProperties {
        if (minMembershipAge.isNegative()) {
            throw new IllegalStateException("gatekeep.desk.min-membership-age must not be negative");
        }
        if (confirmationsPerOwnerPerDay < 1) {
            throw new IllegalStateException("gatekeep.desk.confirmations-per-owner-per-day must be at least 1");
        }
    }
}
