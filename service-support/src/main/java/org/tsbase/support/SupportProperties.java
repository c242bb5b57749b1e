package org.tsbase.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBody      largest non-multipart request body
 * @param maxMultipart largest multipart request
 */
@ConfigurationProperties("tsbase")
public record SupportProperties(
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue("25MB") DataSize maxMultipart) {
}
