package org.tsbase.application.score;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.support.kafka.KafkaSupportConfiguration;
import org.tsbase.support.kafka.ReceivedEvent;

/** {@code score.computed.v1} from scoring-service; unreadable records go to {@code tsbase.scores-dlt}. */
@Component
class ScoreListener {

    private final ScoreService scores;

    ScoreListener(ScoreService scores) {
        this.scores = scores;
    }

    // one consumer per partition (tsbase.kafka.consumers): each record waits for three database round trips, and with
    // scoring-service's three consumers one here fell 13,000 results behind (capacity run of 2026-11-29)
    @KafkaListener(topics = Topics.SCORES, concurrency = KafkaSupportConfiguration.CONSUMERS_PER_LISTENER)
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (!event.tombstone() && event.is(EventTypes.SCORE_COMPUTED)) {
            scores.apply(event.payload(ScoreComputed.class));
        }
    }
}
