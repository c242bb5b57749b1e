package org.tsbase.notification.calls;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.Topics;
import org.tsbase.support.kafka.ReceivedEvent;

@Component
class CallsListener {

    private final CallDirectory directory;

    CallsListener(CallDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.CALLS)
    void on(ConsumerRecord<String, byte[]> record) {
        directory.apply(ReceivedEvent.of(record));
    }
}
