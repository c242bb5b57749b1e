package org.tsbase.application.intake;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallRules;
import org.tsbase.application.call.CallService;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.form.Completeness;
import org.tsbase.application.form.FormReader;
import org.tsbase.application.form.FormRules;
import org.tsbase.application.form.Organization;
import org.tsbase.application.form.PointForm;
import org.tsbase.application.form.ZoneForm;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/** Drafts, edits, submission and withdrawal of applications, for the organisation itself (or ADMIN). */
@Service
public class ApplicationService {

    public static final int MAX_PAGE_SIZE = 100;

    private final ApplicationStore store;
    private final ContactCopies contacts;
    private final CallService calls;
    private final Clock clock;

    ApplicationService(ApplicationStore store, ContactCopies contacts, CallService calls, Clock clock) {
        this.store = store;
        this.contacts = contacts;
        this.calls = calls;
        this.clock = clock;
    }

    /** What a caller may see: ADMIN and reviewers everything, an applicant its own organisation's. */
    public static Predicate<Application> visibleTo(Caller caller) {
        return a -> caller.mayRead(a.creditCode());
    }

    Application get(String id, Caller caller) {
        return store.get(id, visibleTo(caller));
    }

    Application create(ApplicationRequest request, Caller caller) {
        Problems p = new Problems();
        if (request.callId() == null || request.callId().isBlank()) {
            p.add("callId", "v.required");
        }
        if (request.type() == null) {
            p.add("type", "v.required");
        }
        p.throwIfAny();
        Call call = calls.find(request.callId())
                .orElseThrow(() -> ApiException.invalid(new Problems().add("callId", "v.call-unknown").list()));
        ApplicationForm form = validForm(request, request.type(), caller);
        if (!call.accepts(request.type())) {
            throw ApiException.ruleViolated("application.type-not-in-call", call.title(),
                    new DefaultMessageSourceResolvable("type." + request.type()));
        }
        Instant now = clock.instant();
        CallRules.requireNotClosed(call, now);
        return store.insert(Application.start(UUID.randomUUID().toString(), call.callId(), form, now));
    }

    /** A new draft with its {@code application.created.v1} event. */
    public Application.Decision draft(String id, String callId, ApplicationForm form, Instant now) {
        return Application.start(id, callId, form, now);
    }

    /** Inserts a draft made by {@link #draft}; 409 when the organisation already has one in the call. */
    public Application insert(Application.Decision draft) {
        return store.insert(draft);
    }

    Application edit(String id, long ifMatch, ApplicationRequest request, Caller caller) {
        return store.decide(id, OptionalLong.of(ifMatch), visibleTo(caller), current -> {
            requireActor(caller, current);
            Workflow.require(current, "action.edit", ApplicationStatus.DRAFT, ApplicationStatus.RETURNED);
            Problems p = new Problems();
            if (request.callId() != null && !request.callId().equals(current.callId())) {
                p.add("callId", "v.immutable");
            }
            if (request.type() != null && request.type() != current.type()) {
                p.add("type", "v.immutable");
            }
            p.throwIfAny();
            return current.edit(validForm(request, current.type(), caller), clock.instant());
        });
    }

    Application submit(String id, OptionalLong ifMatch, boolean declarationAccepted, Caller caller) {
        return submit(id, ifMatch, visibleTo(caller), current -> requireActor(caller, current), declarationAccepted,
                caller.subject(), false);
    }

    /**
     * Submits (or resubmits after a return) what the aggregate allows: the call, the organisation's contacts as this
     * service knows them from the contact topic (no call to another service), the declaration.
     *
     * @param history true only for the demo seeder, which recreates the history of a closed call
     */
    public Application submit(String id, OptionalLong ifMatch, Predicate<Application> visible,
            java.util.function.Consumer<Application> actorCheck, boolean declarationAccepted, String by,
            boolean history) {
        return store.decide(id, ifMatch, visible, current -> {
            actorCheck.accept(current);
            Call call = calls.find(current.callId())
                    .orElseThrow(() -> ApiException.ruleViolated("call.not-found", current.callId()));
            return current.submit(new Application.Submission(call, clock.instant(),
                    contacts.of(current.creditCode()), declarationAccepted, by, history));
        });
    }

    public Application withdraw(String id, OptionalLong ifMatch, Caller caller) {
        return store.decide(id, ifMatch, visibleTo(caller), current -> {
            requireActor(caller, current);
            return current.withdraw(clock.instant());
        });
    }

    ApplicationSummary.Page list(String callId, ApplicationType type, ApplicationStatus status, String creditCode,
            int page, int size, Caller caller) {
        Problems p = new Problems();
        if (page < 0) {
            p.add("page", "v.negative");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            p.add("size", "v.range", "1", String.valueOf(MAX_PAGE_SIZE));
        }
        p.throwIfAny();
        Query filter = new Query();
        if (!caller.readsAll()) {
            Optional<String> own = caller.organization().filter(caller::belongsTo);
            if (own.isEmpty()) {
                return new ApplicationSummary.Page(List.of(), page, size, 0, 0);
            }
            filter.addCriteria(where("creditCode").is(own.get()));
        } else if (creditCode != null && !creditCode.isBlank()) {
            filter.addCriteria(where("creditCode").is(creditCode));
        }
        if (callId != null && !callId.isBlank()) {
            filter.addCriteria(where("callId").is(callId));
        }
        if (type != null) {
            filter.addCriteria(where("type").is(type));
        }
        if (status != null) {
            filter.addCriteria(where("status").is(status));
        }
        long total = store.count(filter);
        Query paged = Query.of(filter).with(PageRequest.of(page, size,
                Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.ASC, "_id"))));
        // an applicant sees its scores only in calls whose results are published
        java.util.Map<String, Boolean> published = new java.util.HashMap<>();
        List<ApplicationSummary> items = store.find(paged).stream().map(a -> ApplicationSummary.of(a,
                caller.readsAll() || published.computeIfAbsent(a.callId(),
                        c -> calls.find(c).map(Call::resultsPublished).orElse(false)))).toList();
        return new ApplicationSummary.Page(items, page, size, total, (total + size - 1) / size);
    }

    /**
     * Reads and checks the form; 400 with every problem. The identity of the applicant (credit code, name) is
     * needed from the first draft on, and the credit code must be the caller's own unless ADMIN writes.
     */
    private ApplicationForm validForm(ApplicationRequest r, ApplicationType type, Caller caller) {
        Problems p = new Problems();
        ApplicationForm form = FormReader.read(type, r.organization(), r.contact(), r.workDescription(),
                r.evidence(), r.applicantOpinion(), p);
        FormRules.check(form, today(), p);
        boolean organizationUnreadable = p.fields().stream().anyMatch(f -> f.startsWith("organization"));
        Organization o = form.organization();
        if (!organizationUnreadable) {
            if (o == null || o.creditCode() == null) {
                p.add("organization.creditCode", "v.required");
            } else if (!caller.actsFor(o.creditCode())) {
                p.add("organization.creditCode", "v.credit-code.not-caller");
            }
            if (o == null || o.name() == null) {
                p.add("organization.name", "v.required");
            }
        }
        p.throwIfAny();
        return form;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Call.ZONE));
    }

    /** Reviewers read but do not change an applicant's form: 403 for them, 404 was already given to strangers. */
    static void requireActor(Caller caller, Application application) {
        if (!caller.actsFor(application.creditCode())) {
            throw ApiException.forbidden();
        }
    }
}
