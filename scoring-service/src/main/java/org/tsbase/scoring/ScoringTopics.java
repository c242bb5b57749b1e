package org.tsbase.scoring;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.tsbase.events.Topics;

/** The topics scoring owns, and the dead-letter topics of those it consumes. */
@Configuration(proxyBeanMethods = false)
class ScoringTopics {

    @Bean
    NewTopic scoresTopic() {
        return TopicBuilder.name(Topics.SCORES).partitions(3).build();
    }

    /** Scoring's decisions about calls (rubric uploads, replays), read by application-service's audit trail. */
    @Bean
    NewTopic scoringDecisionsTopic() {
        return TopicBuilder.name(Topics.SCORING_DECISIONS).partitions(3).build();
    }

    @Bean
    NewTopic applicationsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.APPLICATIONS)).partitions(3).build();
    }

    @Bean
    NewTopic callsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.CALLS)).partitions(3).build();
    }
}
