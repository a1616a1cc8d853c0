package io.gatekeep.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MfaWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(MfaWorkerApplication.class, args);
    }
}
