package org.tsbase.application;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Calls for applications (申报批次) and the applications themselves (附件2 示范点, 附件3 示范区): forms, evidence,
 * attachments, workflow and opinions. Publishes call and application events; consumes score events.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApplicationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApplicationServiceApplication.class, args);
    }
}
