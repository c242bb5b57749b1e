package org.tsbase.notification.triggers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.notification.applications.ApplicationDirectory;
import org.tsbase.notification.applications.LatestScore;
import org.tsbase.notification.calls.CallCopy;
import org.tsbase.notification.calls.CallDirectory;
import org.tsbase.notification.notifications.Notifier;
import org.tsbase.notification.notifications.Trigger;
import org.tsbase.support.kafka.ReceivedEvent;

/**
 * Which events tell an organisation's contacts something, and what: a submission gets a receipt, a return for
 * correction its reason and deadline, a district or city decision its outcome, a score its result once the call's
 * results are published ({@link ScoreRelease}; before, it is kept and {@link ResultRelease} mails it on
 * publication). Everything else is ignored, and so is every replayed event (a replay must not notify anyone again;
 * the per-application copies are updated from replays too). The mail's values come from the event alone, which concerns one
 * organisation, so no other organisation's data can end up in it.
 */
@Service
class Triggers {

    private static final Logger log = LoggerFactory.getLogger(Triggers.class);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);
    /** A deadline as a reader in Beijing says it: 2023年7月20日 23:59. */
    static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(BEIJING);

    /** The decisions worth a mail, by the status they lead to, with their template. */
    static final Map<String, String> DECISIONS = Map.of(
            "RECOMMENDED", "application-recommended",
            "NOT_RECOMMENDED", "application-not-recommended",
            "ACCEPTED", "application-accepted",
            "REJECTED", "application-rejected");

    private final Notifier notifier;
    private final CallDirectory calls;
    private final ApplicationDirectory applications;

    Triggers(Notifier notifier, CallDirectory calls, ApplicationDirectory applications) {
        this.notifier = notifier;
        this.calls = calls;
        this.applications = applications;
    }

    void handle(ReceivedEvent event) {
        if (event.tombstone()) {
            return;
        }
        // the per-application copies are state: replays update them too
        applications.apply(event);
        if (event.is(EventTypes.SCORE_COMPUTED)) {
            score(event);
            return;
        }
        if (event.replay()) {
            log.debug("event {} ({}) is a replay: no notification", event.id(), event.type());
            return;
        }
        trigger(event).ifPresent(t -> {
            int created = notifier.notify(t);
            log.info("event {} ({}) for application {}: {} notification(s) created", t.eventId(), t.eventType(),
                    t.applicationId(), created);
        });
    }

    /**
     * A score is kept as the application's latest (its write comes before the look at the call, as the
     * publication's write comes before its sweep, so that one of the two sees the other) and mailed only once the
     * call's results are published; before, nothing is recorded in the notification log: the score waits in
     * {@code latest_scores} and the publication mails it.
     */
    private void score(ReceivedEvent event) {
        ScoreComputed score = event.payload(ScoreComputed.class);
        LatestScore latest = applications.storeScore(event.id(), score);
        Optional<CallCopy> call = calls.find(score.callId());
        ScoreRelease.Outcome outcome = ScoreRelease.decide(event.replay(), score.resultVersion(),
                latest == null ? score.resultVersion() : latest.resultVersion(), score.applicationVersion(),
                applications.state(score.applicationId()), call.map(CallCopy::resultsPublishedAt));
        if (outcome != ScoreRelease.Outcome.MAIL) {
            log.info("score event {} for application {} (result {}): {}", event.id(), score.applicationId(),
                    score.resultVersion(), outcome);
            return;
        }
        int created = notifier.notify(scored(event.id(), score, callTitle(score.callId())));
        log.info("score event {} for application {} (result {}): {} notification(s) created", event.id(),
                score.applicationId(), score.resultVersion(), created);
    }

    Optional<Trigger> trigger(ReceivedEvent event) {
        if (event.is(EventTypes.APPLICATION_SUBMITTED)) {
            ApplicationSubmitted submitted = event.payload(ApplicationSubmitted.class);
            return Optional.of(received(event.id(), submitted, callTitle(submitted.callId())));
        }
        if (event.is(EventTypes.APPLICATION_STATUS_CHANGED)) {
            ApplicationStatusChanged changed = event.payload(ApplicationStatusChanged.class);
            return decided(event.id(), changed, callTitle(changed.callId()));
        }
        if (event.is(EventTypes.APPLICATION_RETURNED)) {
            ApplicationReturned returned = event.payload(ApplicationReturned.class);
            return Optional.of(returned(event.id(), returned, callTitle(returned.callId())));
        }
        return Optional.empty();
    }

    String callTitle(String callId) {
        return calls.title(callId).orElse(callId == null ? "石景山区商业秘密保护示范基地申报" : "申报批次 " + callId);
    }

    static Trigger scored(String eventId, ScoreComputed s, String callTitle) {
        Map<String, String> model = common(s.organizationName(), s.applicationId(), callTitle, s.type());
        model.put("total", points(s.total()));
        model.put("base", points(s.base()));
        model.put("bonus", points(s.bonus()));
        model.put("result", s.passed() ? "达到合格标准（合格）" : "未达到合格标准（不合格）");
        model.put("rubricId", String.valueOf(s.rubricId()));
        model.put("rubricVersion", String.valueOf(s.rubricVersion()));
        model.put("criteria", s.criteria() == null || s.criteria().isEmpty() ? "  （无分项）"
                : s.criteria().stream()
                        .map(c -> "  " + c.id() + "：" + points(c.finalPoints()) + " / " + points(c.max()) + " 分")
                        .collect(Collectors.joining("\n")));
        model.put("computedAt", time(s.computedAt()));
        return new Trigger(eventId, EventTypes.SCORE_COMPUTED, s.creditCode(), s.applicationId(), "score-computed",
                model, ScoreRelease.key(s.applicationId(), s.resultVersion()));
    }

    static Trigger returned(String eventId, ApplicationReturned r, String callTitle) {
        Map<String, String> model = common(r.organizationName(), r.applicationId(), callTitle, r.type());
        model.put("reason", r.reason() == null || r.reason().isBlank() ? "（未注明）" : r.reason().strip());
        model.put("deadline", r.deadline() == null ? "—" : DAY_TIME.format(r.deadline()));
        model.put("returnedAt", time(r.returnedAt()));
        return new Trigger(eventId, EventTypes.APPLICATION_RETURNED, r.creditCode(), r.applicationId(),
                "application-returned", model);
    }

    static Trigger received(String eventId, ApplicationSubmitted a, String callTitle) {
        String creditCode = a.organization() == null ? null : a.organization().creditCode();
        String name = a.organization() == null ? null : a.organization().name();
        Map<String, String> model = common(name, a.applicationId(), callTitle, a.type());
        model.put("submittedAt", time(a.submittedAt()));
        return new Trigger(eventId, EventTypes.APPLICATION_SUBMITTED, creditCode, a.applicationId(),
                "application-submitted", model);
    }

    static Optional<Trigger> decided(String eventId, ApplicationStatusChanged c, String callTitle) {
        String template = DECISIONS.get(c.toStatus());
        if (template == null) {
            return Optional.empty();
        }
        Map<String, String> model = common(c.organizationName(), c.applicationId(), callTitle, c.type());
        String opinion = c.opinion() == null || c.opinion().text() == null || c.opinion().text().isBlank()
                ? "（无）" : c.opinion().text().strip();
        model.put("opinion", opinion);
        model.put("changedAt", time(c.changedAt()));
        return Optional.of(new Trigger(eventId, EventTypes.APPLICATION_STATUS_CHANGED, c.creditCode(),
                c.applicationId(), template, model));
    }

    static Map<String, String> common(String organizationName, String applicationId, String callTitle,
            ApplicationType type) {
        Map<String, String> model = new HashMap<>();
        model.put("organizationName", organizationName == null ? "申报单位" : organizationName);
        model.put("applicationId", String.valueOf(applicationId));
        model.put("callTitle", callTitle);
        model.put("typeLabel", type == ApplicationType.ZONE ? "示范区" : "示范点");
        return model;
    }

    static String points(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }
}
