package org.tsbase.notification.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.tsbase.events.ApplicationType;
import org.tsbase.notification.applications.ApplicationDirectory;
import org.tsbase.notification.applications.ApplicationState;
import org.tsbase.notification.calls.CallCopy;
import org.tsbase.notification.calls.CallDirectory;
import org.tsbase.notification.contacts.Recipient;
import org.tsbase.notification.notifications.Notifier;
import org.tsbase.notification.notifications.Trigger;

/**
 * The reminders (issue 9): to the contacts of organisations with a draft in a call, on the configured days before
 * {@code applicationCloses}; to the reviewers ({@code tsbase.notifications.reviewer-emails}), on the configured days
 * before {@code reviewEnds}, while the call has applications awaiting review (SUBMITTED or SCORED: no district
 * opinion yet). Each is sent once per reminder day:
 * <ul>
 * <li>ShedLock's MongoDB lease lets one instance run the job at a time (the others skip the run);</li>
 * <li>every mail's id comes from (organisation or reviewer, call, reminder day), so a run made again — after a
 * crash, by a second lock holder after a lease ran out, or by hand — creates and sends nothing twice;</li>
 * <li>a reminder day that went through is recorded ({@link ReminderRun}), so later runs skip it without reading.</li>
 * </ul>
 * Calls are found through the indexes on {@code applicationCloses} and {@code reviewEnds}, a call's drafts and
 * pending applications through {@code (callId, status, _id)}: the work follows what is due, never everything stored.
 */
@Service
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    static final String DRAFT_REMINDER = "reminder.application-draft";
    static final String REVIEW_REMINDER = "reminder.review-pending";
    /** Awaiting the district's review: submitted, with or without its automatic score. */
    static final List<String> AWAITING_REVIEW = List.of("SUBMITTED", "SCORED");
    static final int PAGE = 200;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
            .withZone(ReminderRules.BEIJING);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

    private final CallDirectory calls;
    private final ApplicationDirectory applications;
    private final Notifier notifier;
    private final MongoTemplate mongo;
    private final ReminderProperties properties;
    private final List<String> reviewerEmails;
    private final Clock clock;

    Reminders(CallDirectory calls, ApplicationDirectory applications, Notifier notifier, MongoTemplate mongo,
            ReminderProperties properties,
            @Value("${tsbase.notifications.reviewer-emails:}") List<String> reviewerEmails, Clock clock) {
        this.calls = calls;
        this.applications = applications;
        this.notifier = notifier;
        this.mongo = mongo;
        this.properties = properties;
        this.reviewerEmails = reviewerEmails.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tsbase.notifications.reminders.interval:15m}",
            initialDelayString = "${tsbase.notifications.reminders.initial-delay:1m}")
    @SchedulerLock(name = "notification-reminders", lockAtMostFor = "30m")
    public void scheduled() {
        if (properties.enabled()) {
            run();
        }
    }

    /**
     * One run of both reminders, holding the lease while it runs (skipped, doing nothing, while another instance
     * holds it). Void: ShedLock cannot return a value for a skipped run.
     */
    @SchedulerLock(name = "notification-reminders", lockAtMostFor = "30m")
    public void run() {
        int created = 0;
        try {
            created += remindDrafts();
        } catch (RuntimeException e) {
            log.warn("draft reminders did not run through: {}", e.toString());
        }
        try {
            created += remindReviewers();
        } catch (RuntimeException e) {
            log.warn("reviewer reminders did not run through: {}", e.toString());
        }
        if (created > 0) {
            log.info("reminder run: {} notification(s) created", created);
        }
    }

    int remindDrafts() {
        Instant now = clock.instant();
        int created = 0;
        Duration ahead = Duration.ofDays(ReminderRules.horizon(properties.draftDaysBefore()) + 2L);
        for (CallCopy call : calls.closingBetween(now, now.plus(ahead))) {
            Optional<ReminderRules.Due> due = ReminderRules.draftReminder(call.applicationCloses(), now,
                    properties.draftDaysBefore(), properties.sendFrom());
            if (due.isPresent()) {
                created += remindDrafts(call, due.get());
            }
        }
        return created;
    }

    private int remindDrafts(CallCopy call, ReminderRules.Due due) {
        String run = "DRAFT:" + call.callId() + ":" + due.day();
        if (completed(run)) {
            return 0;
        }
        int created = 0;
        String after = null;
        List<ApplicationState> page;
        do {
            page = applications.inStatus(call.callId(), "DRAFT", after, PAGE);
            Map<String, List<ApplicationState>> byOrganisation = page.stream()
                    .filter(a -> a.creditCode() != null)
                    .collect(Collectors.groupingBy(ApplicationState::creditCode, LinkedHashMap::new,
                            Collectors.toList()));
            for (List<ApplicationState> drafts : byOrganisation.values()) {
                created += notifier.notifyKnownContacts(draftTrigger(call, due, drafts));
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).applicationId();
        } while (page.size() == PAGE);
        complete(run, created);
        log.info("call {}: draft reminder {} days before closing, {} notification(s) created", call.callId(),
                due.daysBefore(), created);
        return created;
    }

    Trigger draftTrigger(CallCopy call, ReminderRules.Due due, List<ApplicationState> drafts) {
        ApplicationState first = drafts.get(0);
        String key = "REMINDER_DRAFT:" + call.callId() + ":" + first.creditCode() + ":" + due.day();
        Map<String, String> model = new HashMap<>();
        model.put("organizationName", first.organizationName() == null ? "申报单位" : first.organizationName());
        model.put("callTitle", title(call));
        model.put("applications", drafts.stream()
                .map(a -> "  " + typeLabel(a.type()) + "申报，申报编号 " + a.applicationId())
                .collect(Collectors.joining("\n")));
        model.put("closesAt", DAY_TIME.format(call.applicationCloses()));
        model.put("daysLeft", String.valueOf(due.daysBefore()));
        return new Trigger(key, DRAFT_REMINDER, first.creditCode(), first.applicationId(), "reminder-draft", model,
                key);
    }

    int remindReviewers() {
        if (reviewerEmails.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(ReminderRules.BEIJING).toLocalDate();
        int created = 0;
        for (CallCopy call : calls.reviewEndingBetween(today,
                today.plusDays(ReminderRules.horizon(properties.reviewDaysBefore()) + 1L))) {
            Optional<ReminderRules.Due> due = ReminderRules.reviewReminder(call.reviewEnds(), now,
                    properties.reviewDaysBefore(), properties.sendFrom());
            if (due.isPresent()) {
                created += remindReviewers(call, due.get());
            }
        }
        return created;
    }

    private int remindReviewers(CallCopy call, ReminderRules.Due due) {
        String run = "REVIEW:" + call.callId() + ":" + due.day();
        if (completed(run)) {
            return 0;
        }
        long pending = 0;
        List<ApplicationState> listed = new ArrayList<>();
        for (String status : AWAITING_REVIEW) {
            pending += applications.count(call.callId(), status);
            if (listed.size() < properties.listed()) {
                listed.addAll(applications.inStatus(call.callId(), status, null, properties.listed() - listed.size()));
            }
        }
        int created = 0;
        if (pending > 0) {
            String key = "REMINDER_REVIEW:" + call.callId() + ":" + due.day();
            Map<String, String> model = new HashMap<>();
            model.put("callTitle", title(call));
            model.put("reviewEnds", DAY.format(call.reviewEnds()));
            model.put("daysLeft", String.valueOf(due.daysBefore()));
            model.put("pendingCount", String.valueOf(pending));
            String names = listed.stream()
                    .map(a -> "  " + a.applicationId() + "  " + (a.organizationName() == null ? "" : a.organizationName())
                            + "（" + typeLabel(a.type()) + "）")
                    .collect(Collectors.joining("\n"));
            model.put("applications", pending > listed.size() ? names + "\n  ……等共 " + pending + " 份" : names);
            Trigger trigger = new Trigger(key, REVIEW_REMINDER, null, null, "reminder-review", model, key);
            created = notifier.notifyRecipients(trigger, reviewerEmails.stream().map(Reminders::reviewer).toList());
        }
        complete(run, created);
        log.info("call {}: reviewer reminder {} days before the review ends, {} awaiting review, {} notification(s)"
                + " created", call.callId(), due.daysBefore(), pending, created);
        return created;
    }

    /**
     * A reviewer as a recipient: the contact id is a hash of the address, so that logs and the published log name
     * no address, and the same reviewer always gets the same id (and so one mail per reminder day).
     */
    static Recipient reviewer(String email) {
        return new Recipient("reviewer-" + hash(email.toLowerCase(Locale.ROOT)), "评审专家", email, null,
                List.of("EMAIL"));
    }

    private boolean completed(String run) {
        return mongo.exists(query(where("_id").is(run)), ReminderRun.class);
    }

    private void complete(String run, int created) {
        try {
            mongo.insert(new ReminderRun(run, clock.instant(), created));
        } catch (DuplicateKeyException e) {
            // another run completed it as well
        }
    }

    private String title(CallCopy call) {
        return call.title() == null ? "申报批次 " + call.callId() : call.title();
    }

    private static String typeLabel(ApplicationType type) {
        return type == ApplicationType.ZONE ? "示范区" : "示范点";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
