package org.tsbase.application.review;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationEvents;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.application.intake.Workflow;
import org.tsbase.application.web.Problems;

/**
 * The opinions of the form: 区市场监管局推荐意见 (from SCORED to RECOMMENDED or NOT_RECOMMENDED) and 市局验收意见 (from
 * RECOMMENDED to ACCEPTED or REJECTED). Each is recorded with its {@code status-changed} event in one update.
 */
@Service
public class ReviewService {

    public static final int TEXT_MAX = 2000;

    private final ApplicationStore store;
    private final ApplicationEvents events;
    private final Clock clock;

    ReviewService(ApplicationStore store, ApplicationEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** @param by who gives the opinion (the reviewer's token subject) */
    public Application districtOpinion(String id, OptionalLong ifMatch, boolean recommended, String text, String by) {
        return store.change(id, ifMatch, a -> true, current -> {
            Workflow.require(current, "action.district-opinion", ApplicationStatus.SCORED);
            Instant now = clock.instant();
            Application.Opinion opinion = new Application.Opinion(recommended, text, by, now);
            ApplicationStatus to = recommended ? ApplicationStatus.RECOMMENDED : ApplicationStatus.NOT_RECOMMENDED;
            return Optional.of(new Update().set("districtOpinion", opinion).set("status", to)
                    .push("outbox", events.statusChanged(current, current.version() + 1, to, "DISTRICT", opinion, now)));
        });
    }

    public Application cityOpinion(String id, OptionalLong ifMatch, boolean accepted, String text, String by) {
        return store.change(id, ifMatch, a -> true, current -> {
            Workflow.require(current, "action.city-opinion", ApplicationStatus.RECOMMENDED);
            Instant now = clock.instant();
            Application.Opinion opinion = new Application.Opinion(accepted, text, by, now);
            ApplicationStatus to = accepted ? ApplicationStatus.ACCEPTED : ApplicationStatus.REJECTED;
            return Optional.of(new Update().set("cityOpinion", opinion).set("status", to)
                    .push("outbox", events.statusChanged(current, current.version() + 1, to, "CITY", opinion, now)));
        });
    }

    /** 400 unless the decision is given and the text fits; returns the text stripped (null when blank). */
    static String checked(String decisionField, Boolean decision, String text) {
        Problems p = new Problems();
        if (decision == null) {
            p.add(decisionField, "v.required");
        }
        String t = text == null || text.isBlank() ? null : text.strip();
        if (t != null && t.codePointCount(0, t.length()) > TEXT_MAX) {
            p.add("text", "v.too-long", String.valueOf(TEXT_MAX));
        }
        p.throwIfAny();
        return t;
    }
}
