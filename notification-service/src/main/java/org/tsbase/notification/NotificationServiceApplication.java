package org.tsbase.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Tells organisations' contacts what happened to their applications (receipt, score, district and city decisions)
 * by e-mail, from local copies of contacts and calls kept from their topics; logs every notification and publishes
 * it as {@code NotificationRecorded}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
