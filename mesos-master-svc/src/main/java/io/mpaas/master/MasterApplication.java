package io.mpaas.master;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The resource master: Mesos's master, speaking Mesos's v1 HTTP APIs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MasterApplication {

    public static void main(String[] args) {
        SpringApplication.run(MasterApplication.class, args);
    }
}
