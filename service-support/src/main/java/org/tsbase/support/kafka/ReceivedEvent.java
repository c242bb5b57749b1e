package org.tsbase.support.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;

/**
 * A CloudEvent as a consumer sees it, read from a Kafka record in binary mode. A record whose value is null is a
 * tombstone: {@link #tombstone()} is true and only the key is known.
 */
public record ReceivedEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String key,
        byte[] data,
        boolean replay,
        String topic,
        int partition,
        long offset) {

    public static ReceivedEvent of(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new ReceivedEvent(null, null, null, null, null, record.key(), null, false,
                    record.topic(), record.partition(), record.offset());
        }
        CloudEvent event;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            event = reader.toEvent();
        } catch (RuntimeException e) {
            throw new PoisonEventException("not a CloudEvent: " + record.topic() + "/" + record.partition() + "@"
                    + record.offset(), e);
        }
        Object replay = event.getExtension(EventTypes.REPLAY_EXTENSION);
        return new ReceivedEvent(event.getId(), event.getType(), String.valueOf(event.getSource()),
                event.getSubject(), event.getTime() == null ? null : event.getTime().toInstant(), record.key(),
                event.getData() == null ? null : event.getData().toBytes(),
                replay != null && Boolean.parseBoolean(String.valueOf(replay)),
                record.topic(), record.partition(), record.offset());
    }

    public boolean tombstone() {
        return data == null && type == null;
    }

    public boolean is(String eventType) {
        return eventType.equals(type);
    }

    /** The payload as a record of event-contracts; an unreadable payload is poison. */
    public <T> T payload(Class<T> payloadType) {
        if (data == null) {
            throw new PoisonEventException("event " + id + " of type " + type + " has no data");
        }
        try {
            return EventJson.fromBytes(data, payloadType);
        } catch (RuntimeException e) {
            throw new PoisonEventException("event " + id + " of type " + type + " has an unreadable payload", e);
        }
    }
}
