package org.tsbase.application.review;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallRules;
import org.tsbase.application.call.CallService;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationStore;
import org.tsbase.application.web.Problems;
import org.tsbase.support.web.ApiException;

/**
 * The reviewers' steps: 区市场监管局推荐意见 (SCORED to RECOMMENDED or NOT_RECOMMENDED, within the review period, the
 * pass mark and the quota), 市局验收意见 (RECOMMENDED to ACCEPTED or REJECTED) and 退回补正 (SUBMITTED or SCORED to
 * RETURNED). The rules are the {@link Application} aggregate's; this service fetches what they need (the call, a
 * quota slot), and the store records the decision with its event in one update.
 */
@Service
public class ReviewService {

    public static final int TEXT_MAX = 2000;

    private final ApplicationStore store;
    private final CallService calls;
    private final RecommendationQuotas quotas;
    private final Clock clock;

    ReviewService(ApplicationStore store, CallService calls, RecommendationQuotas quotas, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** A reviewer's district opinion now (no override). */
    public Application districtOpinion(String id, OptionalLong ifMatch, boolean recommended, String text, String by) {
        return districtOpinion(id, ifMatch, recommended, text, by, false, null, clock.instant());
    }

    /**
     * @param by             who gives the opinion (the reviewer's token subject)
     * @param byAdmin        whether the caller is ADMIN (the only one who may override)
     * @param overrideReason ADMIN's written reason to recommend beyond the quota or below the pass mark; null: none
     * @param at             when the opinion is given: now, except for the demo seeder recreating a past review
     */
    public Application districtOpinion(String id, OptionalLong ifMatch, boolean recommended, String text, String by,
            boolean byAdmin, String overrideReason, Instant at) {
        Application.AdminOverride override = overrideReason == null ? null : new Application.AdminOverride(overrideReason);
        Application before = store.get(id, a -> true);
        Call call = call(before);
        // the application's own rules first, so that no slot is taken for an application that cannot be recommended
        before.requireDistrictOpinion(call, recommended, override, byAdmin, at);
        RecommendationQuotas.Claim claim = recommended ? quotas.claim(call.callId(), before.type(), id,
                call.quota(before.type()).orElse(0), override != null) : null;
        try {
            return store.decide(id, ifMatch, a -> true, current -> current.districtOpinion(call, recommended, text, by,
                    override, byAdmin, claim == RecommendationQuotas.Claim.FULL ? Application.Quota.EXHAUSTED
                            : Application.Quota.HELD, at));
        } catch (RuntimeException e) {
            // compensation: give back the slot this attempt took, unless the application is recommended after all
            // (a concurrent opinion on the same application won, and it holds the slot)
            if (claim == RecommendationQuotas.Claim.CLAIMED && store.find(id)
                    .map(a -> a.status() != ApplicationStatus.RECOMMENDED).orElse(true)) {
                quotas.release(call.callId(), before.type(), id);
            }
            throw e;
        }
    }

    public Application cityOpinion(String id, OptionalLong ifMatch, boolean accepted, String text, String by) {
        return store.decide(id, ifMatch, a -> true, current -> current.cityOpinion(accepted, text, by, clock.instant()));
    }

    /**
     * 退回补正 with a reason and a deadline ({@code 2023-06-10}: the end of that day in Beijing time, or a date-time);
     * 400 when either is missing or unreadable.
     */
    public Application returnForCorrection(String id, OptionalLong ifMatch, String reason, String deadline, String by) {
        Problems p = new Problems();
        String r = CallRules.reason(p, reason);
        Instant until = CallRules.time(p, "deadline", deadline, true).orElse(null);
        p.throwIfAny();
        return store.decide(id, ifMatch, a -> true,
                current -> current.returnForCorrection(r, until, by, clock.instant()));
    }

    /** How many recommendation slots of the call and type are held (for views of the quota). */
    public int recommendationsHeld(String callId, org.tsbase.events.ApplicationType type) {
        return quotas.held(callId, type);
    }

    private Call call(Application a) {
        return calls.find(a.callId()).orElseThrow(() -> ApiException.ruleViolated("call.not-found", a.callId()));
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
