package org.tsbase.scoring.call;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.scoring.sheet.Scoring;
import org.tsbase.support.kafka.ReceivedEvent;

@Component
class CallListener {

    private final CallCopies calls;
    private final Scoring scoring;

    CallListener(CallCopies calls, Scoring scoring) {
        this.calls = calls;
        this.scoring = scoring;
    }

    @KafkaListener(topics = Topics.CALLS, groupId = "${spring.application.name}-calls")
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = ReceivedEvent.of(record);
        if (event.is(EventTypes.CALL_UPSERTED)) {
            CallUpserted call = event.payload(CallUpserted.class);
            calls.apply(call);
            scoring.scoreAwaiting(call.callId());
        }
    }
}
