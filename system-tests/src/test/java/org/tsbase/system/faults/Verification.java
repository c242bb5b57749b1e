package org.tsbase.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the system must hold for each applicant once it is quiet: what it acknowledged is there (the contact once,
 * the application with what was sent, scored once with no duplicate in its history, one receipt and one result mail
 * to the contact), and what it refused left nothing behind.
 */
final class Verification {

    enum Kind { OK, PENDING, DUPLICATED, LEFT_BEHIND }

    record Finding(Applicant applicant, Kind kind, String what) {
        @Override
        public String toString() {
            return kind + " " + what + " — " + applicant;
        }
    }

    private final Api api;
    private final String callId;
    private final int imapPort;
    private final Function<String, String> applicantToken;
    private final String reviewerToken;

    Verification(Api api, String callId, int imapPort, Function<String, String> applicantToken, String reviewerToken) {
        this.api = api;
        this.callId = callId;
        this.imapPort = imapPort;
        this.applicantToken = applicantToken;
        this.reviewerToken = reviewerToken;
    }

    /** The first finding that is not OK for {@code a}, or OK. */
    Finding check(Applicant a) {
        String token = applicantToken.apply(a.creditCode);
        // the contact: once if acknowledged, else not at all
        Api.Answer contacts = api.get("/api/organizations/" + a.creditCode + "/contacts", token);
        long sameEmail = 0;
        if (contacts.ok()) {
            for (JsonNode c : contacts.json().path("contacts")) {
                if (a.email.equals(c.path("email").asText())) {
                    sameEmail++;
                }
            }
        } else if (contacts.status() != 404) {
            return new Finding(a, Kind.PENDING, "contacts unreadable: " + contacts);
        }
        if (a.contactId != null && sameEmail == 0) {
            return new Finding(a, Kind.PENDING, "acknowledged contact missing");
        }
        if (sameEmail > 1) {
            return new Finding(a, Kind.DUPLICATED, sameEmail + " contacts with the same e-mail");
        }
        if (a.contactId == null && sameEmail > 0) {
            return new Finding(a, Kind.LEFT_BEHIND, "a contact of a refused request");
        }

        Api.Answer list = api.get("/api/applications?callId=" + callId, token);
        if (!list.ok()) {
            return new Finding(a, Kind.PENDING, "applications unreadable: " + list);
        }
        JsonNode items = list.json().path("items");
        if (a.applicationId == null) {
            return items.isEmpty() ? mailsOnly(a, 0, 0)
                    : new Finding(a, Kind.LEFT_BEHIND, "an application of a refused request");
        }
        if (items.size() != 1 || !a.applicationId.equals(items.get(0).path("id").asText())) {
            return new Finding(a, items.size() > 1 ? Kind.DUPLICATED : Kind.PENDING,
                    "applications of the organisation in the call: " + items);
        }
        Api.Answer app = api.get("/api/applications/" + a.applicationId, token);
        if (!app.ok()) {
            return new Finding(a, Kind.PENDING, "application unreadable: " + app);
        }
        JsonNode form = app.json();
        if (!a.creditCode.equals(form.at("/organization/creditCode").asText())
                || !a.organizationName.equals(form.at("/organization/name").asText())) {
            return new Finding(a, Kind.PENDING, "application differs from what was acknowledged: "
                    + form.path("organization"));
        }
        String status = form.path("status").asText();
        if (!a.submitted) {
            if (!"DRAFT".equals(status)) {
                return new Finding(a, Kind.LEFT_BEHIND, "not acknowledged as submitted, but " + status);
            }
            Api.Answer score = api.get("/api/scores/" + a.applicationId, token);
            if (score.status() != 404) {
                return new Finding(a, Kind.LEFT_BEHIND, "a draft has a score: " + score);
            }
            return mailsOnly(a, 0, 0);
        }
        if (!"SCORED".equals(status)) {
            return new Finding(a, Kind.PENDING, "status " + status);
        }
        Api.Answer score = api.get("/api/scores/" + a.applicationId, token);
        if (!score.ok()) {
            return new Finding(a, Kind.PENDING, "score: " + score);
        }
        if (score.json().path("total").decimalValue().compareTo(new java.math.BigDecimal("100")) != 0) {
            return new Finding(a, Kind.PENDING, "total " + score.json().path("total"));
        }
        long resultVersion = score.json().path("resultVersion").asLong();
        Api.Answer history = api.get("/api/scores/" + a.applicationId + "/history", token);
        if (!history.ok()) {
            return new Finding(a, Kind.PENDING, "history: " + history);
        }
        Set<Long> versions = new HashSet<>();
        for (JsonNode h : history.json()) {
            if (!versions.add(h.path("resultVersion").asLong())) {
                return new Finding(a, Kind.DUPLICATED, "history repeats result version " + h.path("resultVersion"));
            }
        }
        if (resultVersion != 1 || !history.json().isEmpty()) {
            // nothing in this load reviews or rescores: a second result is the submission scored twice
            return new Finding(a, Kind.DUPLICATED, "scored " + resultVersion + " times, history " + history.body());
        }
        return mailsOnly(a, 1, 1);
    }

    private Finding mailsOnly(Applicant a, long receipts, long results) {
        Optional<List<String>> subjects = Inbox.subjects(imapPort, a.email);
        if (subjects.isEmpty()) {
            return new Finding(a, Kind.PENDING, "mailbox unreadable");
        }
        long gotReceipts = Inbox.count(subjects.get(), Inbox.RECEIPT);
        long gotResults = Inbox.count(subjects.get(), Inbox.RESULT);
        if (gotReceipts > receipts || gotResults > results) {
            return new Finding(a, receipts == 0 ? Kind.LEFT_BEHIND : Kind.DUPLICATED,
                    gotReceipts + " receipts and " + gotResults + " result mails (expected " + receipts + " and "
                            + results + ")");
        }
        if (gotReceipts < receipts || gotResults < results) {
            return new Finding(a, Kind.PENDING, gotReceipts + " receipts and " + gotResults + " result mails so far");
        }
        return new Finding(a, Kind.OK, "");
    }

    /** Every ranked application once, as many as were acknowledged as submitted (all pass: 100 points each). */
    Optional<String> rankingProblem(List<Applicant> applicants) {
        long submitted = applicants.stream().filter(Applicant::acknowledged).count();
        List<String> ids = new ArrayList<>();
        int scored = -1;
        for (int page = 0; ; page++) {
            Api.Answer r = api.get("/api/rankings?callId=" + callId + "&type=POINT&size=500&page=" + page, reviewerToken);
            if (!r.ok()) {
                return Optional.of("ranking unreadable: " + r);
            }
            scored = r.json().path("scored").asInt();
            JsonNode entries = r.json().path("entries");
            entries.forEach(e -> ids.add(e.path("applicationId").asText()));
            if (entries.size() < 500) {
                break;
            }
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            return Optional.of("the ranking lists an application twice");
        }
        if (scored != submitted || ids.size() != submitted) {
            return Optional.of("ranking: scored " + scored + ", listed " + ids.size() + ", acknowledged " + submitted);
        }
        return Optional.empty();
    }

    /** The findings of the applicants not yet OK, rechecked every few seconds until all are OK or {@code timeout}. */
    Map<Applicant, Finding> awaitQuiet(List<Applicant> applicants, Duration timeout) throws InterruptedException {
        Map<Applicant, Finding> open = new LinkedHashMap<>();
        applicants.forEach(a -> open.put(a, null));
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Applicant a : new ArrayList<>(open.keySet())) {
                Finding f = check(a);
                if (f.kind() == Kind.OK) {
                    open.remove(a);
                } else {
                    open.put(a, f);
                }
            }
            boolean onlyFinal = open.values().stream().allMatch(f -> f.kind() != Kind.PENDING);
            if (onlyFinal || Instant.now().isAfter(deadline)) {
                return open;
            }
            Thread.sleep(3000);
        }
    }
}
