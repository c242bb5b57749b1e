package org.tsbase.application.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallService;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.application.review.ReviewService;
import org.tsbase.support.web.ApiException;

/**
 * Walks scored demo applications through the reviewers' steps of their {@link DemoPlan}: the district opinion once
 * SCORED, the city opinion once RECOMMENDED. Scores come from scoring-service, so a demo application stays
 * SUBMITTED until it runs.
 */
@Component
class DemoProgress {

    static final String DISTRICT = "demo-district-reviewer";
    static final String CITY = "demo-city-reviewer";
    private static final Logger log = LoggerFactory.getLogger(DemoProgress.class);

    private final DemoProperties properties;
    private final MongoTemplate mongo;
    private final ApplicationStore store;
    private final ReviewService reviews;

    private final CallService calls;
    private final Clock clock;

    DemoProgress(DemoProperties properties, MongoTemplate mongo, ApplicationStore store, ReviewService reviews,
            CallService calls, Clock clock) {
        this.properties = properties;
        this.mongo = mongo;
        this.store = store;
        this.reviews = reviews;
        this.calls = calls;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tsbase.demo.progress-interval:5s}", initialDelayString = "${tsbase.demo.progress-interval:5s}")
    void tick() {
        if (properties.enabled()) {
            advance();
        }
    }

    /** Takes every plan one step further where the application's state allows it. */
    void advance() {
        for (DemoPlan plan : mongo.findAll(DemoPlan.class)) {
            try {
                if (step(plan)) {
                    mongo.remove(plan);
                }
            } catch (ApiException e) {
                log.debug("demo plan of {} waits: {}", plan.applicationId(), e.code());
            }
        }
    }

    /**
     * Now, within the call's review period; for a call whose review is over (the 2023 history), a time within it:
     * the seeded opinion is dated when the district would have given it.
     */
    private Instant reviewTime(Application a) {
        Instant now = clock.instant();
        return calls.find(a.callId()).filter(c -> !c.reviewOpenAt(now) && c.reviewEnds() != null
                        && c.reviewEnds().atStartOfDay(Call.ZONE).toInstant().isBefore(now))
                .map(c -> c.reviewStarts().atTime(LocalTime.of(10, 0)).atZone(Call.ZONE).toInstant()).orElse(now);
    }

    /** @return whether nothing is left to do */
    private boolean step(DemoPlan plan) {
        Application a = store.find(plan.applicationId()).orElse(null);
        if (a == null) {
            return true;
        }
        if (a.status() == ApplicationStatus.SUBMITTED) {
            return false;
        }
        if (a.status() == ApplicationStatus.SCORED) {
            if (plan.recommended() == null) {
                return true;
            }
            a = reviews.districtOpinion(a.id(), OptionalLong.empty(), plan.recommended(), plan.districtText(), DISTRICT,
                    false, null, reviewTime(a));
        }
        if (a.status() == ApplicationStatus.RECOMMENDED && plan.accepted() != null) {
            a = reviews.cityOpinion(a.id(), OptionalLong.empty(), plan.accepted(), plan.cityText(), CITY);
        }
        return a.status() != ApplicationStatus.SUBMITTED && a.status() != ApplicationStatus.SCORED;
    }
}
