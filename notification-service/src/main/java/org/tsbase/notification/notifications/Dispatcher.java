package org.tsbase.notification.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.tsbase.events.EventTypes;
import org.tsbase.events.NotificationRecorded;
import org.tsbase.events.Topics;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;

/**
 * Sends notifications off the Kafka consumer's thread and records each attempt. An attempt first claims the record
 * (a lease until {@code nextAttemptAt}), so that the immediate send, the retry job and a resend never send the same
 * record at once; its result is written in one update guarded by that claim, together with the
 * {@code NotificationRecorded} event once the record is SENT or FAILED. A failed mail waits with a doubling pause
 * and is FAILED after {@code maxAttempts}.
 */
@Service
class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final MongoTemplate mongo;
    private final Delivery delivery;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notification-sender");
        t.setDaemon(true);
        return t;
    });

    Dispatcher(MongoTemplate mongo, Delivery delivery, OutboxEvents events, OutboxRelay relay,
            DeliveryProperties properties, Clock clock) {
        this.mongo = mongo;
        this.delivery = delivery;
        this.events = events;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends a new notification soon, without making the caller (a Kafka consumer) wait for the mail server. */
    void sendSoon(String id) {
        enqueue(id);
    }

    /**
     * Queues one attempt, once per id; the claim is taken on the sender thread right before sending, so that a long
     * queue (a mail server that does not answer) can never outlive a claim and let a mail go out twice.
     */
    private void enqueue(String id) {
        if (queued.add(id)) {
            sender.execute(() -> {
                queued.remove(id);
                try {
                    claimDue(id).ifPresent(this::attempt);
                } catch (RuntimeException e) {
                    // the store is away: the record stays due and the retry job comes back to it
                    log.warn("notification {}: attempt not made: {}", id, e.toString());
                }
            });
        }
    }

    /** Queues every notification whose next attempt is due; also picks up what a crash left behind. */
    @Scheduled(fixedDelayString = "${tsbase.notifications.delivery.retry-poll-interval:10s}",
            initialDelayString = "${tsbase.notifications.delivery.retry-poll-interval:10s}")
    void retryDue() {
        try {
            Query due = query(where("status").is(NotificationStatus.PENDING.name())
                    .and("nextAttemptAt").lte(clock.instant()))
                    .with(Sort.by("nextAttemptAt")).limit(properties.retryBatch());
            due.fields().include("_id");
            for (Document d : mongo.find(due, Document.class, Notification.COLLECTION)) {
                enqueue(d.getString("_id"));
            }
        } catch (RuntimeException e) {
            log.warn("retry job did not run through: {}", e.toString());
        }
    }

    /** One more attempt now, whatever the record's state; empty when there is no such notification. */
    Optional<Notification> resend(String id) {
        return claim(where("_id").is(id), true).map(n -> {
            attempt(n);
            return mongo.findById(id, Notification.class);
        });
    }

    private Optional<Notification> claimDue(String id) {
        return claim(where("_id").is(id).and("status").is(NotificationStatus.PENDING)
                .and("nextAttemptAt").lte(clock.instant()), false);
    }

    private Optional<Notification> claim(Criteria which, boolean reopen) {
        Update update = new Update().set("claim", UUID.randomUUID().toString())
                .set("nextAttemptAt", clock.instant().plus(properties.claimLease()));
        if (reopen) {
            update.set("status", NotificationStatus.PENDING);
        }
        return Optional.ofNullable(mongo.findAndModify(query(which), update,
                FindAndModifyOptions.options().returnNew(true), Notification.class));
    }

    private void attempt(Notification n) {
        Delivery.Outcome outcome;
        try {
            outcome = delivery.deliver(n);
        } catch (RuntimeException e) {
            outcome = Delivery.Outcome.retry(Delivery.describe(e));
        }
        record(n, outcome);
    }

    private void record(Notification n, Delivery.Outcome outcome) {
        Instant now = clock.instant();
        int attempts = n.attempts() + 1;
        NotificationStatus status = outcome.sent() ? NotificationStatus.SENT
                : outcome.permanent() || properties.exhausted(attempts) ? NotificationStatus.FAILED
                : NotificationStatus.PENDING;
        Update update = new Update().set("status", status).set("attempts", attempts).set("lastAttemptAt", now)
                .set("lastError", outcome.error()).unset("claim");
        if (status == NotificationStatus.PENDING) {
            update.set("nextAttemptAt", now.plus(properties.backoffAfter(attempts)));
        } else if (n.creditCode() == null) {
            // a mail to a reviewer (a reminder) concerns no organisation: notification.recorded.v1 requires one, so it
            // is only in the log
            update.unset("nextAttemptAt");
            if (status == NotificationStatus.SENT) {
                update.set("sentAt", now);
            }
        } else {
            update.unset("nextAttemptAt").push("outbox", events.event(Topics.NOTIFICATIONS,
                    n.applicationId() != null ? n.applicationId() : n.creditCode(), EventTypes.NOTIFICATION_RECORDED,
                    new NotificationRecorded(n.id(), n.applicationId(), n.creditCode(), n.contactId(),
                            n.channel().name(), n.eventType(), status.name(), attempts, now)));
            if (status == NotificationStatus.SENT) {
                update.set("sentAt", now);
            }
        }
        long matched = mongo.updateFirst(query(where("_id").is(n.id()).and("claim").is(n.claim())), update,
                Notification.class).getMatchedCount();
        // ids and outcomes only: addresses and texts stay out of the logs
        if (matched == 0) {
            log.warn("notification {}: attempt {} ended after its claim had passed to another sender", n.id(), attempts);
            return;
        }
        if (status == NotificationStatus.PENDING) {
            log.warn("notification {} ({} to contact {}): attempt {} failed, next in {}: {}", n.id(), n.channel(),
                    n.contactId(), attempts, properties.backoffAfter(attempts), outcome.error());
        } else {
            log.info("notification {} ({} to contact {}): {} after {} attempt(s)", n.id(), n.channel(),
                    n.contactId(), status, attempts);
            if (n.creditCode() != null) {
                relay.publishSoon(Notification.COLLECTION, n.id());
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
