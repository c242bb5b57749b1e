package org.tsbase.scoring.sheet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationWithdrawn;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.support.kafka.KafkaSupportConfiguration;
import org.tsbase.support.kafka.ReceivedEvent;

/** Scores submissions from their events, and freezes a result once the district decided on it. */
@Component
class ApplicationEventsListener {

    private final Scoring scoring;

    ApplicationEventsListener(Scoring scoring) {
        this.scoring = scoring;
    }

    /**
     * Several consumers ({@link KafkaSupportConfiguration#CONSUMERS_PER_LISTENER}); sheets are written with guarded
     * updates, as by several instances.
     */
    @KafkaListener(topics = Topics.APPLICATIONS, concurrency = KafkaSupportConfiguration.CONSUMERS_PER_LISTENER)
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(EventTypes.APPLICATION_SUBMITTED)) {
            scoring.submitted(event.payload(ApplicationSubmitted.class), event.id());
        } else if (event.is(EventTypes.APPLICATION_WITHDRAWN)) {
            scoring.withdrawn(event.payload(ApplicationWithdrawn.class));
        } else if (event.is(EventTypes.APPLICATION_STATUS_CHANGED)) {
            ApplicationStatusChanged changed = event.payload(ApplicationStatusChanged.class);
            ApplicationStatusChanged.Opinion opinion = changed.opinion();
            if (opinion != null && "DISTRICT".equals(opinion.kind())) {
                // the district decided: the result is frozen from here on
                scoring.decided(changed.applicationId(),
                        new ScoreSheet.Decision(opinion.positive(), opinion.by(), opinion.at()));
            }
        }
    }
}
