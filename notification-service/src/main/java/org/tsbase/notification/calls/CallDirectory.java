package org.tsbase.notification.calls;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.events.CallUpserted;
import org.tsbase.events.EventTypes;
import org.tsbase.support.kafka.ReceivedEvent;

/** The local copy of the calls (compacted call topic): a newer version replaces an older one. */
@Service
public class CallDirectory {

    private final MongoTemplate mongo;

    CallDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<String> title(String callId) {
        return callId == null ? Optional.empty()
                : Optional.ofNullable(mongo.findById(callId, CallCopy.class)).map(CallCopy::title);
    }

    void apply(ReceivedEvent event) {
        if (event.tombstone()) {
            if (event.key() != null) {
                mongo.remove(query(where("_id").is(event.key())), CallCopy.class);
            }
        } else if (event.is(EventTypes.CALL_UPSERTED)) {
            CallUpserted call = event.payload(CallUpserted.class);
            try {
                mongo.upsert(query(where("_id").is(call.callId()).and("version").lt(call.version())),
                        new Update().set("title", call.title()).set("version", call.version()), CallCopy.class);
            } catch (DuplicateKeyException e) {
                // this version or a newer one is already known
            }
        }
    }
}
