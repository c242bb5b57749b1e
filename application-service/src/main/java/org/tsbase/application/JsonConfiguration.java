package org.tsbase.application;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsbase.application.form.FormReader;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as strictly as the forms: a JSON key given twice is an error (not "the last one wins", no
 * smuggling a second value past a check), and a number or boolean is not turned into text.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictRequests() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, FormReader::noScalarsAsText);
    }
}
