package io.gatekeep.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event backbone settings shared by every service ({@code gatekeep.events.*}).
 *
 * @param topicPrefix       prefix of every physical topic name, so deployments (and test suites) can share a cluster
 * @param partitions        partition count of the topics created at start-up
 * @param replicationFactor replication factor of the topics created at start-up
 * @param source            CloudEvents {@code source} of the events this service writes; defaults to
 *                          {@code /gatekeep/<spring.application.name>}
 */
@ConfigurationProperties("gatekeep.events")
public record EventsProperties(
        @DefaultValue("gatekeep.") String topicPrefix,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        String source) {}
