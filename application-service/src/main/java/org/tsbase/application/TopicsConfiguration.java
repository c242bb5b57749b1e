package org.tsbase.application;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.tsbase.events.Topics;

/** The topics this service owns, and the dead-letter twins of those it consumes (scores, contacts, and for the audit trail applications and calls). */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

    static final int PARTITIONS = 3;

    /** Full history, never deleted: the source of replays (ARCHITECTURE.md, "Rescoring by replay"). */
    @Bean
    NewTopic applicationsTopic() {
        return TopicBuilder.name(Topics.APPLICATIONS).partitions(PARTITIONS)
                .config("retention.ms", "-1").config("retention.bytes", "-1").build();
    }

    /** Latest state per call id only: consumers keep their own copy of windows, quotas and rubric ids. */
    @Bean
    NewTopic callsTopic() {
        return TopicBuilder.name(Topics.CALLS).partitions(PARTITIONS).compact().build();
    }

    @Bean
    NewTopic contactsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.CONTACTS)).partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic callsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.CALLS)).partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic applicationsDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.APPLICATIONS)).partitions(PARTITIONS).build();
    }

    /**
     * scoring-service's decisions (rubric uploads, replays), read for the audit trail: the topic is scoring-service's;
     * declared here too (same partitions) so that the audit consumer finds it whichever service starts first.
     */
    @Bean
    NewTopic scoringDecisionsTopic() {
        return TopicBuilder.name(Topics.SCORING_DECISIONS).partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic scoringDecisionsDeadLetterTopic() {
        return TopicBuilder.name(Topics.SCORING_DECISIONS + Topics.DLT_SUFFIX).partitions(PARTITIONS).build();
    }

    @Bean
    NewTopic scoresDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetter(Topics.SCORES)).partitions(PARTITIONS).build();
    }
}
