package org.tsbase.application.document;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsbase.documents.CjkFont;

/**
 * The font of the printed documents: the bundled subset of Noto Sans SC, or a full TrueType font given as
 * {@code tsbase.documents.font} (a path) by an operator who prints characters outside GB 2312.
 */
@Configuration(proxyBeanMethods = false)
class DocumentConfiguration {

    @Bean
    CjkFont documentFont(@Value("${tsbase.documents.font:}") String path) {
        return path.isBlank() ? CjkFont.bundled() : CjkFont.of(Path.of(path));
    }
}
