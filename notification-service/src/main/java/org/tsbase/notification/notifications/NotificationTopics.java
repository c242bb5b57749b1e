package org.tsbase.notification.notifications;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.tsbase.events.Topics;

/** The topic we publish on, and the dead-letter twins of the topics we consume. */
@Configuration(proxyBeanMethods = false)
class NotificationTopics {

    @Bean
    NewTopic notificationsTopic() {
        return TopicBuilder.name(Topics.NOTIFICATIONS).partitions(3).build();
    }

    @Bean
    NewTopic contactsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.CONTACTS)).partitions(3).build();
    }

    @Bean
    NewTopic callsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.CALLS)).partitions(3).build();
    }

    @Bean
    NewTopic applicationsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.APPLICATIONS)).partitions(3).build();
    }

    @Bean
    NewTopic scoresDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.SCORES)).partitions(3).build();
    }
}
