package org.tsbase.notification.notifications;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param from     the sender address of every mail
 * @param fromName the sender's display name (UTF-8 encoded in the header)
 */
@Validated
@ConfigurationProperties("tsbase.mail")
record SenderProperties(@NotBlank @Email String from, String fromName) {
}
