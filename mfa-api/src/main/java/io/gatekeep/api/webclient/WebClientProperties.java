package io.gatekeep.api.webclient;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the web client shows that only the deployment knows.
 *
 * @param supportAddress where a person who lost both the authenticator and the recovery code writes (the support
 *                       desk's mailbox), shown on the support page
 */
@ConfigurationProperties("gatekeep.web-client")
record WebClientProperties(
        @DefaultValue("support@localhost") String supportAddress) {}
