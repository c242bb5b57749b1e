package org.tsbase.notification.contacts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.Topics;
import org.tsbase.support.kafka.ReceivedEvent;

@Component
class ContactsListener {

    private final ContactDirectory directory;

    ContactsListener(ContactDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.CONTACTS)
    void on(ConsumerRecord<String, byte[]> record) {
        directory.apply(ReceivedEvent.of(record));
    }
}
