package org.tsbase.application.call;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.web.ApiException;

/** Checks a {@link CallRequest} and turns it into the call's data; pure, no I/O. */
public final class CallRules {

    public static final Pattern CALL_ID = Pattern.compile("[a-z0-9-]{3,40}");
    static final Pattern RUBRIC_ID = Pattern.compile("[a-z0-9-]{3,60}");
    static final int MAX_QUOTA = 100;
    /** The dates a call may name, like its {@code year}: far enough for any real call, near enough to be one. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private CallRules() {
    }

    /** What a valid request defines; the caller adds identity, version and timestamps. */
    public record Definition(String callId, String title, String district, int year, Instant applicationOpens,
            Instant applicationCloses, LocalDate reviewStarts, LocalDate reviewEnds,
            Map<ApplicationType, Integer> quotas, Map<ApplicationType, String> rubrics, Call.Period assessmentPeriod,
            String districtCode, boolean sealedFormRequired, String declarationText) {
    }

    public static final Pattern DISTRICT_CODE = Pattern.compile("[0-9]{6}");
    public static final int DECLARATION_MAX = 2000;
    public static final int REASON_MAX = 2000;

    /** The definition, or a 400 with every problem found. */
    public static Definition check(CallRequest r) {
        Problems p = new Problems();
        if (isBlank(r.callId())) {
            p.add("callId", "v.required");
        } else if (!CALL_ID.matcher(r.callId()).matches()) {
            p.add("callId", "v.call-id");
        }
        text(p, "title", r.title(), 200);
        text(p, "district", r.district(), 50);
        if (r.year() == null) {
            p.add("year", "v.required");
        } else if (r.year() < 2000 || r.year() > 2100) {
            p.add("year", "v.range", "2000", "2100");
        }
        Optional<Instant> opens = time(p, "applicationOpens", r.applicationOpens(), false)
                .filter(t -> within(p, "applicationOpens", t));
        Optional<Instant> closes = time(p, "applicationCloses", r.applicationCloses(), true)
                .filter(t -> within(p, "applicationCloses", t));
        within(p, "reviewStarts", r.reviewStarts());
        within(p, "reviewEnds", r.reviewEnds());
        if (opens.isPresent() && closes.isPresent() && !closes.get().isAfter(opens.get())) {
            p.add("applicationCloses", "call.v.closes-before-opens");
        }
        if (r.reviewStarts() != null && r.reviewEnds() != null && r.reviewEnds().isBefore(r.reviewStarts())) {
            p.add("reviewEnds", "call.v.review-order");
        }
        if (r.reviewStarts() != null && closes.isPresent()
                && r.reviewStarts().isBefore(closes.get().atZone(Call.ZONE).toLocalDate())) {
            p.add("reviewStarts", "call.v.review-before-close");
        }
        if (r.reviewStarts() == null ^ r.reviewEnds() == null) {
            p.add(r.reviewStarts() == null ? "reviewStarts" : "reviewEnds", "call.v.review-both");
        }
        quotasAndRubrics(p, r.quotas(), r.rubrics());
        if (r.districtCode() != null && !DISTRICT_CODE.matcher(r.districtCode()).matches()) {
            p.add("districtCode", "call.v.district-code");
        }
        if (r.declarationText() != null && r.declarationText().strip().length() > DECLARATION_MAX) {
            p.add("declarationText", "v.too-long", String.valueOf(DECLARATION_MAX));
        }
        Call.Period period = r.assessmentPeriod();
        if (period != null) {
            if (period.from() == null) {
                p.add("assessmentPeriod.from", "v.required");
            }
            if (period.to() == null) {
                p.add("assessmentPeriod.to", "v.required");
            }
            if (period.from() != null && period.to() != null
                    && within(p, "assessmentPeriod.from", period.from()) & within(p, "assessmentPeriod.to", period.to())) {
                if (period.to().isBefore(period.from())) {
                    p.add("assessmentPeriod", "call.v.period-order");
                } else if (period.to().isAfter(period.from().plusYears(2))) {
                    p.add("assessmentPeriod", "call.v.period-too-long");
                }
            }
        }
        p.throwIfAny();
        Call.Period effective = period != null ? period : defaultPeriod(closes.orElseThrow());
        return new Definition(r.callId(), r.title().strip(), r.district().strip(), r.year(), opens.orElseThrow(),
                closes.orElseThrow(), r.reviewStarts(), r.reviewEnds(), Map.copyOf(r.quotas()),
                Map.copyOf(r.rubrics()), effective, r.districtCode(), Boolean.TRUE.equals(r.sealedFormRequired()),
                r.declarationText() == null || r.declarationText().isBlank() ? null : r.declarationText().strip());
    }

    /**
     * ADMIN opens the review of {@code call} again, from now until the end of {@code until}: 400 without a reason
     * or an {@code until} before today.
     */
    public static Call.ReviewReopening reopening(String reason, LocalDate until, String by, Instant now) {
        Problems p = new Problems();
        String r = reason(p, reason);
        if (until == null) {
            p.add("until", "v.required");
        } else if (until.isBefore(now.atZone(Call.ZONE).toLocalDate()) || until.isAfter(LATEST)) {
            p.add("until", "call.v.reopen-until");
        }
        p.throwIfAny();
        return new Call.ReviewReopening(until, r, by, now);
    }

    /** A written reason (reopening, override, return): 400 when blank or too long; the reason stripped. */
    public static String reason(Problems p, String reason) {
        if (isBlank(reason)) {
            p.add("reason", "v.required");
            return null;
        }
        String r = reason.strip();
        if (r.codePointCount(0, r.length()) > REASON_MAX) {
            p.add("reason", "v.too-long", String.valueOf(REASON_MAX));
        }
        return r;
    }

    /** 422 naming the window unless applications are accepted at {@code now}. */
    public static void requireOpen(Call call, Instant now) {
        if (call.phaseAt(now) != Call.Phase.OPEN) {
            throw windowClosed(call);
        }
    }

    /** 422 naming the window once it has closed: drafts may be prepared before it opens, not after it closed. */
    public static void requireNotClosed(Call call, Instant now) {
        if (call.phaseAt(now) == Call.Phase.CLOSED) {
            throw windowClosed(call);
        }
    }

    private static ApiException windowClosed(Call call) {
        return ApiException.ruleViolated("call.window-closed", call.title(), CallText.minute(call.applicationOpens()),
                CallText.minute(call.applicationCloses()));
    }

    /** The 12 months ending on the day applications close (2023: 2022-06-01 to 2023-05-31). */
    public static Call.Period defaultPeriod(Instant applicationCloses) {
        LocalDate to = applicationCloses.atZone(Call.ZONE).toLocalDate();
        return new Call.Period(to.minusYears(1).plusDays(1), to);
    }

    /** Whether {@code date} (when given) lies within {@link #EARLIEST} and {@link #LATEST}; a 400 problem if not. */
    private static boolean within(Problems p, String field, LocalDate date) {
        if (date == null || (!date.isBefore(EARLIEST) && !date.isAfter(LATEST))) {
            return true;
        }
        p.add(field, "v.date-range", EARLIEST.toString(), LATEST.toString());
        return false;
    }

    /** The same for a point in time: within the first and the last day, in Beijing time. */
    private static boolean within(Problems p, String field, Instant time) {
        if (!time.isBefore(EARLIEST.atStartOfDay(Call.ZONE).toInstant())
                && time.isBefore(LATEST.plusDays(1).atStartOfDay(Call.ZONE).toInstant())) {
            return true;
        }
        p.add(field, "v.date-range", EARLIEST.toString(), LATEST.toString());
        return false;
    }

    /** A date means the start of that day (opening) or its last second (closing), in Beijing time. */
    public static Optional<Instant> time(Problems p, String field, String value, boolean endOfDay) {
        if (isBlank(value)) {
            p.add(field, "v.required");
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                LocalTime time = endOfDay ? LocalTime.of(23, 59, 59) : LocalTime.MIDNIGHT;
                return Optional.of(day.atTime(time).atZone(Call.ZONE).toInstant());
            }
            try {
                return Optional.of(OffsetDateTime.parse(v).toInstant().truncatedTo(ChronoUnit.SECONDS));
            } catch (DateTimeException e) {
                return Optional.of(LocalDateTime.parse(v).atZone(Call.ZONE).toInstant().truncatedTo(ChronoUnit.SECONDS));
            }
        } catch (DateTimeException e) {
            p.add(field, "v.date-time");
            return Optional.empty();
        }
    }

    private static void quotasAndRubrics(Problems p, Map<ApplicationType, Integer> quotas,
            Map<ApplicationType, String> rubrics) {
        if (quotas == null || quotas.isEmpty()) {
            p.add("quotas", "v.required");
        } else {
            quotas.forEach((type, quota) -> {
                if (quota == null) {
                    p.add("quotas." + type, "v.required");
                } else if (quota < 0 || quota > MAX_QUOTA) {
                    p.add("quotas." + type, "v.range", "0", String.valueOf(MAX_QUOTA));
                }
            });
        }
        if (rubrics == null || rubrics.isEmpty()) {
            p.add("rubrics", "v.required");
        } else {
            rubrics.forEach((type, rubric) -> {
                if (isBlank(rubric)) {
                    p.add("rubrics." + type, "v.required");
                } else if (!RUBRIC_ID.matcher(rubric).matches()) {
                    p.add("rubrics." + type, "v.rubric-id");
                }
            });
        }
        if (quotas != null && rubrics != null && !quotas.isEmpty() && !rubrics.isEmpty()) {
            Set<ApplicationType> q = quotas.isEmpty() ? Set.of() : EnumSet.copyOf(quotas.keySet());
            Set<ApplicationType> ru = EnumSet.copyOf(rubrics.keySet());
            if (!q.equals(ru)) {
                p.add("rubrics", "call.v.types-mismatch");
            }
        }
    }

    private static void text(Problems p, String field, String value, int max) {
        if (isBlank(value)) {
            p.add(field, "v.required");
        } else if (value.strip().length() > max) {
            p.add(field, "v.too-long", String.valueOf(max));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
