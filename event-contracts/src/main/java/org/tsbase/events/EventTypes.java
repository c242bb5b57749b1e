package org.tsbase.events;

import java.util.List;

/** CloudEvents {@code type} values. Versioned: a breaking change gets a new type, never an edit of the old one. */
public final class EventTypes {

    public static final String PRODUCT = "tsbase";

    public static final String CALL_UPSERTED = "tsbase.call.upserted.v1";
    public static final String APPLICATION_CREATED = "tsbase.application.created.v1";
    public static final String APPLICATION_SUBMITTED = "tsbase.application.submitted.v1";
    public static final String APPLICATION_WITHDRAWN = "tsbase.application.withdrawn.v1";
    public static final String APPLICATION_STATUS_CHANGED = "tsbase.application.status-changed.v1";
    /** 退回补正: the district returned a submitted application for correction, with a reason and a deadline. */
    public static final String APPLICATION_RETURNED = "tsbase.application.returned.v1";
    public static final String SCORE_COMPUTED = "tsbase.score.computed.v1";
    /** An ADMIN's decision in scoring that concerns a call: a rubric version uploaded, a replay run. */
    public static final String SCORING_DECISION = "tsbase.scoring.decision.v1";
    public static final String CONTACTS_CHANGED = "tsbase.contacts.changed.v1";
    public static final String NOTIFICATION_RECORDED = "tsbase.notification.recorded.v1";

    /** CloudEvents extension set to {@code true} on events re-published by a replay: side effects must not fire again. */
    public static final String REPLAY_EXTENSION = "replay";

    public static final List<String> ALL = List.of(CALL_UPSERTED, APPLICATION_CREATED, APPLICATION_SUBMITTED,
            APPLICATION_WITHDRAWN, APPLICATION_STATUS_CHANGED, APPLICATION_RETURNED, SCORE_COMPUTED, SCORING_DECISION, CONTACTS_CHANGED,
            NOTIFICATION_RECORDED);

    private EventTypes() {
    }

    /** The CloudEvents {@code source} of a service, e.g. {@code /tsbase/application-service}. */
    public static String source(String service) {
        return "/" + PRODUCT + "/" + service;
    }
}
