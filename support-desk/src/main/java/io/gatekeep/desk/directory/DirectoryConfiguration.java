package io.gatekeep.desk.directory;

import io.gatekeep.desk.config.DeskProperties;
import io.gatekeep.desk.tickets.Directory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Directory directory(DeskProperties desk) {
        return new HttpDirectory(
                desk.directory().baseUrl(),
                desk.directory().token(),
                desk.directory().timeout());
    }
}
