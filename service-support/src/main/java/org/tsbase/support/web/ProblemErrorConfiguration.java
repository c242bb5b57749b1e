package org.tsbase.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** {@link ProblemErrorController} in place of Boot's {@code BasicErrorController} (which steps back when one exists). */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemErrorConfiguration {

    @Bean
    ProblemErrorController problemErrorController(ProblemWriter problems) {
        return new ProblemErrorController(problems);
    }
}
