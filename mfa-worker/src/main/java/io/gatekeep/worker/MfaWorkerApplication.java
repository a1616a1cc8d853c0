package io.gatekeep.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MfaWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(MfaWorkerApplication.class, args);
    }
}
