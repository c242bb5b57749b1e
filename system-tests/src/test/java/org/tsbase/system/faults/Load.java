package org.tsbase.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A steady arrival of applicants through the gateway ({@code rate} per second, an open model: they arrive on schedule
 * whatever the stack does), each with an organisation of its own. A step that fails transiently (no answer, 5xx, 429)
 * is retried after reading back whether it took effect: a contact with the same e-mail, the organisation's
 * application in the call, the application's status. Another 4xx ends the applicant: a visible refusal.
 */
final class Load implements AutoCloseable {
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(6);
    private static final long MAX_BACKOFF_MS = 10_000;

    private final Api api;
    private final String callId;
    private final String label;
    private final BiFunction<String, String, String> applicantToken;
    private final ApplicantForms.CreditCodes codes;
    private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Applicant> applicants = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param applicantToken (creditCode, unused) → an APPLICANT token bound to that organisation
     */
    Load(Api api, String callId, String label, ApplicantForms.CreditCodes codes,
            BiFunction<String, String, String> applicantToken) {
        this.api = api;
        this.callId = callId;
        this.label = label;
        this.codes = codes;
        this.applicantToken = applicantToken;
    }

    void start(double perSecond) {
        long periodMicros = (long) (1_000_000 / perSecond);
        arrivals.scheduleAtFixedRate(this::arrive, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void arrive() {
        if (stopping) {
            return;
        }
        Applicant a;
        synchronized (applicants) {
            int n = applicants.size() + 1;
            a = new Applicant(n, codes.next(), label + "-" + n + "-" + Long.toString(System.nanoTime() % 100000, 36)
                    + "@faults.example");
            applicants.add(a);
        }
        workers.submit(() -> run(a));
    }

    /** Stops new arrivals and waits until every applicant is done or gave up. */
    void stopArrivals() {
        stopping = true;
        arrivals.shutdown();
    }

    boolean awaitApplicants(Duration timeout) throws InterruptedException {
        stopArrivals();
        arrivals.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Applicant> applicants() {
        synchronized (applicants) {
            return List.copyOf(applicants);
        }
    }

    Api api() {
        return api;
    }

    private void run(Applicant a) {
        String token = applicantToken.apply(a.creditCode, null);
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        String contacts = "/api/organizations/" + a.creditCode + "/contacts";
        a.contactId = step(a, deadline,
                () -> api.post(contacts, token, ApplicantForms.contact("联络人" + a.number, a.email)),
                answer -> answer.json().path("contactId").asText(null),
                () -> findContact(contacts, token, a.email));
        if (a.contactId == null) {
            return;
        }
        a.step = Applicant.Step.CREATE;
        a.applicationId = step(a, deadline,
                () -> api.post("/api/applications", token,
                        ApplicantForms.pointApplication(callId, a.creditCode, a.organizationName)),
                answer -> answer.json().path("id").asText(null),
                () -> findApplication(token));
        if (a.applicationId == null) {
            return;
        }
        a.step = Applicant.Step.SUBMIT;
        String id = step(a, deadline,
                () -> api.post("/api/applications/" + a.applicationId + "/submit", token, null),
                answer -> a.applicationId,
                () -> submittedAlready(token, a.applicationId));
        if (id != null) {
            a.submitted = true;
            a.submittedAt = Instant.now();
            a.step = Applicant.Step.DONE;
        }
    }

    /**
     * One step: the request until it is answered 2xx; after a transient failure, first {@code readBack} whether it
     * took effect (then that is the result: the retry is safe); a 409 after a failure is read back too.
     *
     * @return the step's result, or null when the applicant gave up
     */
    private String step(Applicant a, Instant deadline, Supplier<Api.Answer> request,
            java.util.function.Function<Api.Answer, String> result, Supplier<ReadBack> readBack) {
        boolean failedBefore = false;
        long backoff = 1000;
        while (true) {
            if (failedBefore) {
                // sending again is safe only once we know the failed request did not take effect
                ReadBack found = readBack.get();
                while (!found.known()) {
                    if (Instant.now().isAfter(deadline)) {
                        a.gaveUp = a.step + " could not be read back within " + GIVE_UP_AFTER.toMinutes() + " min";
                        return null;
                    }
                    pause(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                    found = readBack.get();
                }
                if (found.id() != null) {
                    a.adopted++;
                    return found.id();
                }
            }
            Api.Answer answer = request.get();
            if (answer.ok()) {
                return result.apply(answer);
            }
            a.failures++;
            if (!answer.visible()) {
                a.invisibleFailures.add(a.step + ": " + answer);
            }
            boolean conflictAfterFailure = answer.status() == 409 && failedBefore;
            // issue 9: a submission right after the contact was registered waits until application-service has read
            // the contact from its topic (422 naming contacts): nothing was stored, asking again is safe
            boolean contactOnItsWay = answer.status() == 422 && String.valueOf(answer.body()).contains("\"contacts\"");
            if (contactOnItsWay && Instant.now().isBefore(deadline)) {
                pause(500);
                continue;
            }
            if (!answer.transientFailure() && !conflictAfterFailure) {
                a.gaveUp = a.step + " refused: " + answer;
                return null;
            }
            failedBefore = true;
            if (Instant.now().isAfter(deadline)) {
                a.gaveUp = a.step + " still failing after " + GIVE_UP_AFTER.toMinutes() + " min: " + answer;
                return null;
            }
            long wait = answer.retryAfterSeconds().isPresent()
                    ? Math.min(MAX_BACKOFF_MS, answer.retryAfterSeconds().getAsLong() * 1000) : backoff;
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            pause(wait);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(200, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What reading back after a failure showed: unknown (the read failed too), absent, or the step's result. */
    record ReadBack(boolean known, String id) {
        static final ReadBack UNKNOWN = new ReadBack(false, null);
        static final ReadBack ABSENT = new ReadBack(true, null);

        static ReadBack found(String id) {
            return new ReadBack(true, id);
        }
    }

    private ReadBack findContact(String contacts, String token, String email) {
        Api.Answer answer = api.get(contacts, token);
        if (answer.status() == 404) {
            return ReadBack.ABSENT;
        }
        if (!answer.ok()) {
            return ReadBack.UNKNOWN;
        }
        for (JsonNode c : answer.json().path("contacts")) {
            if (email.equals(c.path("email").asText())) {
                return ReadBack.found(c.path("contactId").asText());
            }
        }
        return ReadBack.ABSENT;
    }

    private ReadBack findApplication(String token) {
        Api.Answer answer = api.get("/api/applications?callId=" + callId, token);
        if (!answer.ok()) {
            return ReadBack.UNKNOWN;
        }
        JsonNode items = answer.json().path("items");
        return items.isEmpty() ? ReadBack.ABSENT : ReadBack.found(items.get(0).path("id").asText());
    }

    private ReadBack submittedAlready(String token, String applicationId) {
        Api.Answer answer = api.get("/api/applications/" + applicationId, token);
        if (!answer.ok()) {
            return ReadBack.UNKNOWN;
        }
        return "DRAFT".equals(answer.json().path("status").asText()) ? ReadBack.ABSENT
                : ReadBack.found(applicationId);
    }

    @Override
    public void close() {
        stopping = true;
        arrivals.shutdownNow();
        workers.shutdownNow();
    }
}
