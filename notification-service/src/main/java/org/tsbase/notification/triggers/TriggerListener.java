package org.tsbase.notification.triggers;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.Topics;
import org.tsbase.support.kafka.KafkaSupportConfiguration;
import org.tsbase.support.kafka.ReceivedEvent;

/** Score and application events; each is handed to {@link Triggers}. */
@Component
class TriggerListener {

    private final Triggers triggers;

    TriggerListener(Triggers triggers) {
        this.triggers = triggers;
    }

    @KafkaListener(topics = Topics.SCORES)
    void onScore(ConsumerRecord<String, byte[]> record) {
        triggers.handle(ReceivedEvent.of(record));
    }

    @KafkaListener(topics = Topics.APPLICATIONS, concurrency = KafkaSupportConfiguration.CONSUMERS_PER_LISTENER)
    void onApplication(ConsumerRecord<String, byte[]> record) {
        triggers.handle(ReceivedEvent.of(record));
    }
}
