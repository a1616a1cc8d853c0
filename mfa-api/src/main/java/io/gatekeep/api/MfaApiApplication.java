package io.gatekeep.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MfaApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(MfaApiApplication.class, args);
    }
}
