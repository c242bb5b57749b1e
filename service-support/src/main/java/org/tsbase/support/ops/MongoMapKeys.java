package org.tsbase.support.ops;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

/**
 * MongoDB field names cannot contain dots, but map keys in our documents can (a rubric's evidence-read keys such as
 * {@code leadershipBody.established}). Spring Data replaces the dot on write and restores it on read.
 */
public class MongoMapKeys implements BeanPostProcessor {

    /** FULLWIDTH FULL STOP: never part of a key we write ourselves, so the replacement is reversible. */
    static final String DOT_REPLACEMENT = "\uFF0E";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MappingMongoConverter converter) {
            converter.setMapKeyDotReplacement(DOT_REPLACEMENT);
        }
        return bean;
    }
}
