package org.tsbase.application.review;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationType;

/**
 * The district's recommendation slots of a call and type (示范点 3, 示范区 1), held so that the quota holds under
 * concurrency: two reviewers recommending the last slot at the same moment must not both win, and counting the
 * RECOMMENDED applications and then writing one cannot promise that.
 *
 * <p>Why a holder list on one document per call and type, rather than a counter on the call or one document per
 * slot: the claim is one conditional {@code $addToSet} whose filter says "fewer than {@code quota} holders" (the
 * array has no element at index {@code quota - 1}); the database applies it atomically to the one document, so of
 * two concurrent claims of the last slot exactly one matches. Unlike a bare counter, the list says <em>who</em>
 * holds a slot: a retried claim of the same application finds its own slot (idempotent; a counter would count it
 * twice), and the compensation after a failed application update removes exactly that application's hold. Slot
 * documents would need a search for a free slot number and the same bookkeeping. If the process dies between the
 * claim and the application's update, the slot stays held by an application that is not RECOMMENDED: the quota
 * then errs on the side of refusing, never of exceeding, and that application's next recommendation reuses it.
 */
@Component
class RecommendationQuotas {

    @Document("recommendation-quotas")
    record Slots(@Id String id, List<String> holders) {
    }

    enum Claim { ALREADY_HELD, CLAIMED, FULL }

    private final MongoTemplate mongo;

    RecommendationQuotas(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String id(String callId, ApplicationType type) {
        return callId + "/" + type;
    }

    /**
     * Takes a slot for {@code applicationId} if fewer than {@code quota} are held; {@code beyondQuota} (ADMIN's
     * override) takes one regardless.
     */
    Claim claim(String callId, ApplicationType type, String applicationId, int quota, boolean beyondQuota) {
        String id = id(callId, type);
        try {
            mongo.insert(new Slots(id, List.of()));
        } catch (DuplicateKeyException e) {
            // the document exists already
        }
        if (mongo.exists(query(where("_id").is(id).and("holders").is(applicationId)), Slots.class)) {
            return Claim.ALREADY_HELD;
        }
        Criteria filter = where("_id").is(id);
        if (!beyondQuota) {
            if (quota <= 0) {
                return Claim.FULL;
            }
            filter = filter.and("holders." + (quota - 1)).exists(false);
        }
        Slots after = mongo.findAndModify(query(filter), new Update().addToSet("holders", applicationId), Slots.class);
        return after == null ? Claim.FULL : Claim.CLAIMED;
    }

    /** Compensation: gives back the slot {@code applicationId} claimed when its recommendation was not stored. */
    void release(String callId, ApplicationType type, String applicationId) {
        mongo.updateFirst(query(where("_id").is(id(callId, type))), new Update().pull("holders", applicationId),
                Slots.class);
    }

    /** How many slots are held. */
    int held(String callId, ApplicationType type) {
        return Optional.ofNullable(mongo.findById(id(callId, type), Slots.class)).map(s -> s.holders().size())
                .orElse(0);
    }
}
