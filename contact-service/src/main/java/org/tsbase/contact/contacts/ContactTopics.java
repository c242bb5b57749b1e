package org.tsbase.contact.contacts;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.tsbase.events.Topics;

/** The contact topic is ours: compacted, so only an organisation's latest list (or its tombstone) remains. */
@Configuration(proxyBeanMethods = false)
class ContactTopics {

    @Bean
    NewTopic contactsTopic() {
        return TopicBuilder.name(Topics.CONTACTS).partitions(3).compact().build();
    }
}
