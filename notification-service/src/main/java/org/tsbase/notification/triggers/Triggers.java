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
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.notification.calls.CallDirectory;
import org.tsbase.notification.notifications.Notifier;
import org.tsbase.notification.notifications.Trigger;
import org.tsbase.support.kafka.ReceivedEvent;

/**
 * Which events tell an organisation's contacts something, and what: a submission gets a receipt, a score its
 * result, a district or city decision its outcome. Everything else is ignored, and so is every replayed event (a
 * replay must not notify anyone again). The mail's values come from the event alone, which concerns one
 * organisation, so no other organisation's data can end up in it.
 */
@Service
class Triggers {

    private static final Logger log = LoggerFactory.getLogger(Triggers.class);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);

    /** The decisions worth a mail, by the status they lead to, with their template. */
    static final Map<String, String> DECISIONS = Map.of(
            "RECOMMENDED", "application-recommended",
            "NOT_RECOMMENDED", "application-not-recommended",
            "ACCEPTED", "application-accepted",
            "REJECTED", "application-rejected");

    private final Notifier notifier;
    private final CallDirectory calls;

    Triggers(Notifier notifier, CallDirectory calls) {
        this.notifier = notifier;
        this.calls = calls;
    }

    void handle(ReceivedEvent event) {
        if (event.tombstone()) {
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

    Optional<Trigger> trigger(ReceivedEvent event) {
        if (event.is(EventTypes.SCORE_COMPUTED)) {
            ScoreComputed score = event.payload(ScoreComputed.class);
            return Optional.of(scored(event.id(), score, callTitle(score.callId())));
        }
        if (event.is(EventTypes.APPLICATION_SUBMITTED)) {
            ApplicationSubmitted submitted = event.payload(ApplicationSubmitted.class);
            return Optional.of(received(event.id(), submitted, callTitle(submitted.callId())));
        }
        if (event.is(EventTypes.APPLICATION_STATUS_CHANGED)) {
            ApplicationStatusChanged changed = event.payload(ApplicationStatusChanged.class);
            return decided(event.id(), changed, callTitle(changed.callId()));
        }
        return Optional.empty();
    }

    private String callTitle(String callId) {
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
                model);
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

    private static Map<String, String> common(String organizationName, String applicationId, String callTitle,
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

    private static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }
}
