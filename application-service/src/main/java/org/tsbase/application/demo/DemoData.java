package org.tsbase.application.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallRules;
import org.tsbase.application.call.CallService;
import org.tsbase.application.call.ReferenceCalls;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationService;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.security.Caller;
import org.tsbase.support.security.Role;
import org.tsbase.support.web.ApiException;

/**
 * A populated system for newcomers: the 2023 call with its history (accepted, recommended, not recommended), a demo
 * call open now ({@code sjs-demo}: opened 30 days ago, closes in 30 days, reviewed from the day after; its 承诺 is
 * asked, no sealed scan) with a draft, a submitted and a withdrawn application. The demo call's review lies after
 * its window, as the notice has it: the walk-through reviews now after ADMIN reopened the review with a reason. Idempotent: ids are fixed, and each application is brought to its target state only from where it
 * is. The reviewers' steps wait for scoring's results (see {@link DemoProgress}). The demo applicant's own POINT
 * in {@code sjs-demo} is left free, for the user (or the local stack's demo requests) to create and submit.
 */
@Component
public class DemoData {

    public static final String DEMO_CALL = "sjs-demo";
    static final String SYSTEM = "demo-seeder";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CallService calls;
    private final ApplicationService applications;
    private final ApplicationStore store;
    private final MongoTemplate mongo;
    private final Clock clock;

    DemoData(CallService calls, ApplicationService applications, ApplicationStore store, MongoTemplate mongo,
            Clock clock) {
        this.calls = calls;
        this.applications = applications;
        this.store = store;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A demo application, the state it should reach now, and the reviewers' opinions it should get once scored. */
    record Seed(String id, String callId, ApplicationForm form, ApplicationStatus target, DemoPlan plan) {
    }

    public void seed() {
        calls.createIfAbsent(ReferenceCalls.SJS_2023);
        Call demo = calls.createIfAbsent(demoCall()).or(() -> calls.find(DEMO_CALL)).orElseThrow();
        for (Seed seed : seeds(demo)) {
            try {
                converge(seed);
            } catch (ApiException e) {
                log.warn("demo application {} left as it is: {}", seed.id(), e.code());
            }
        }
    }

    CallRules.Definition demoCall() {
        LocalDate today = LocalDate.now(clock.withZone(Call.ZONE));
        var closes = today.plusDays(30).atTime(LocalTime.of(23, 59, 59)).atZone(Call.ZONE).toInstant();
        return new CallRules.Definition(DEMO_CALL, "石景山区商业秘密保护示范基地申报（演示）", "石景山区", today.getYear(),
                today.minusDays(30).atStartOfDay(Call.ZONE).toInstant(), closes, today.plusDays(31),
                today.plusDays(60),
                Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                CallRules.defaultPeriod(closes), "110107", false, ReferenceCalls.DECLARATION);
    }

    List<Seed> seeds(Call demo) {
        LocalDate to2023 = ReferenceCalls.SJS_2023.assessmentPeriod().to();
        LocalDate signed2023 = LocalDate.of(2023, 5, 25);
        LocalDate toNow = demo.assessmentPeriod().to();
        LocalDate today = LocalDate.now(clock.withZone(Call.ZONE));
        String y = "sjs-2023";
        return List.of(
                new Seed("demo-2023-point-shijingshan", y, DemoForms.shijingshan(to2023, signed2023),
                        ApplicationStatus.SUBMITTED, new DemoPlan(null, true,
                                "组织机构健全，制度完备，培训与检查均有台账，同意推荐。", true, "验收通过。")),
                new Seed("demo-2023-point-jingxi", y, DemoForms.jingxi(to2023, signed2023),
                        ApplicationStatus.SUBMITTED, new DemoPlan(null, true, "工作扎实，同意推荐。", null, null)),
                new Seed("demo-2023-point-bajiao", y, DemoForms.bajiao(to2023, signed2023),
                        ApplicationStatus.SUBMITTED, new DemoPlan(null, false,
                                "年度计划与风险评估尚未开展，暂不推荐。", null, null)),
                new Seed("demo-2023-zone-park", y, DemoForms.park(to2023, signed2023), ApplicationStatus.SUBMITTED,
                        new DemoPlan(null, true, "园区协同保护机制完善，同意推荐。", true, "验收通过。")),
                new Seed("demo-now-zone-park", DEMO_CALL, DemoForms.parkDraft(), ApplicationStatus.DRAFT, null),
                new Seed("demo-now-point-jingxi", DEMO_CALL, DemoForms.jingxi(toNow, today), ApplicationStatus.SUBMITTED,
                        null),
                new Seed("demo-now-point-bajiao", DEMO_CALL, DemoForms.bajiao(toNow, today),
                        ApplicationStatus.WITHDRAWN, null));
    }

    private void converge(Seed seed) {
        Application a = store.find(seed.id()).orElse(null);
        if (a == null) {
            a = applications.insert(applications.draft(seed.id(), seed.callId(), seed.form(), clock.instant()));
            log.info("demo application {} created", seed.id());
        }
        Caller system = Caller.of(SYSTEM, Role.ADMIN, null);
        if (seed.target() != ApplicationStatus.DRAFT && a.status() == ApplicationStatus.DRAFT) {
            // the seeder recreates history: the 2023 call closed long ago, and the demo organisations' contacts
            // (附件6) are registered by the local stack only after this service started; window, contacts, sealed
            // form and declaration are therefore not checked for the seeded applications (a user's are)
            a = applications.submit(a.id(), OptionalLong.empty(), x -> true, x -> { }, true, SYSTEM, true);
        }
        if (seed.target() == ApplicationStatus.WITHDRAWN && a.status() == ApplicationStatus.SUBMITTED) {
            applications.withdraw(a.id(), OptionalLong.empty(), system);
        }
        if (seed.plan() != null) {
            try {
                mongo.insert(seed.plan().forApplication(seed.id()));
            } catch (DuplicateKeyException e) {
                // planned before
            }
        }
    }
}
