package org.tsbase.application.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize       largest evidence file (413 beyond); the multipart request limit
 *                          ({@code tsbase.max-multipart}, 25 MB) must stay above it
 * @param maxPerApplication most files one application may have (413 beyond)
 */
@ConfigurationProperties("tsbase.attachments")
public record AttachmentProperties(
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("30") int maxPerApplication) {
}
