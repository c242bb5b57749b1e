package org.tsbase.gateway.requestsize;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The largest request body the gateway forwards: {@code defaultMax} unless the path matches one
 * of {@code paths} (first match wins; patterns as in route predicates, e.g.
 * {@code /api/applications/*}{@code /attachments}).
 */
@Validated
@ConfigurationProperties("tsbase.gateway.request-size")
record RequestSizeProperties(
        @NotNull @DefaultValue("1MB") DataSize defaultMax,
        @NotNull @DefaultValue List<@Valid PathLimit> paths) {

    record PathLimit(@NotBlank String pattern, @NotNull DataSize max) {
    }
}
