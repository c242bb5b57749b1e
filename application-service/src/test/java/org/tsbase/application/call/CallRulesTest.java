package org.tsbase.application.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.web.ApiException;

/** A call's window in Beijing time, its default assessment period, and what makes a call definition invalid. */
class CallRulesTest {

    static Call sjs2023() {
        CallRules.Definition d = ReferenceCalls.SJS_2023;
        return new Call(d.callId(), d.title(), d.district(), d.year(), d.applicationOpens(), d.applicationCloses(),
                d.reviewStarts(), d.reviewEnds(), d.quotas(), d.rubrics(), d.assessmentPeriod(), d.districtCode(),
                d.sealedFormRequired(), d.declarationText(), null, null, 1, null, null, List.of());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2023-04-30T23:59:59+08:00, NOT_YET_OPEN",
            "2023-05-01T00:00:00+08:00, OPEN",
            "2023-05-31T23:59:59+08:00, OPEN",
            "2023-05-31T23:59:59.999+08:00, OPEN",
            "2023-06-01T00:00:00+08:00, CLOSED",
            "2023-05-31T16:00:00Z, CLOSED",
            "2023-05-31T15:59:59Z, OPEN",
    })
    void theNoticesWindowEndsAtTheEndOfMay31InBeijing(String now, Call.Phase phase) {
        assertThat(sjs2023().phaseAt(OffsetDateTime.parse(now).toInstant())).isEqualTo(phase);
    }

    @Test
    void submittingOutsideTheWindowIs422NamingTheWindow() {
        Instant june = OffsetDateTime.parse("2023-06-01T00:00:00+08:00").toInstant();
        assertThatThrownBy(() -> CallRules.requireOpen(sjs2023(), june))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("call.window-closed");
                    assertThat(e.args()).containsExactly(sjs2023().title(), "2023-05-01 00:00", "2023-05-31 23:59");
                });
    }

    @Test
    void theDefaultAssessmentPeriodIsThe12MonthsEndingOnTheClosingDay() {
        Instant closes = OffsetDateTime.parse("2023-05-31T23:59:59+08:00").toInstant();
        assertThat(CallRules.defaultPeriod(closes))
                .isEqualTo(new Call.Period(LocalDate.of(2022, 6, 1), LocalDate.of(2023, 5, 31)));
        assertThat(CallRules.defaultPeriod(OffsetDateTime.parse("2026-11-30T23:59:59+08:00").toInstant()))
                .isEqualTo(new Call.Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30)));
    }

    @Test
    void datesMeanStartAndEndOfDayInBeijingAndDateTimesAreTakenAsGiven() {
        CallRules.Definition d = CallRules.check(request("sjs-2024", "2024-05-01", "2024-05-31"));
        assertThat(d.applicationOpens()).isEqualTo(OffsetDateTime.parse("2024-05-01T00:00:00+08:00").toInstant());
        assertThat(d.applicationCloses()).isEqualTo(OffsetDateTime.parse("2024-05-31T23:59:59+08:00").toInstant());
        assertThat(d.assessmentPeriod()).isEqualTo(new Call.Period(LocalDate.of(2023, 6, 1), LocalDate.of(2024, 5, 31)));
        CallRules.Definition t = CallRules.check(request("sjs-2024", "2024-05-01T09:00:00+08:00", "2024-05-31T18:00"));
        assertThat(t.applicationOpens()).isEqualTo(OffsetDateTime.parse("2024-05-01T09:00:00+08:00").toInstant());
        assertThat(t.applicationCloses()).isEqualTo(OffsetDateTime.parse("2024-05-31T18:00:00+08:00").toInstant());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "SJS-2024", "s", "sjs_2024", "sjs 2024", "$where", "a.b", "sjs-2024-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void callIdsAreLowerCaseLettersDigitsAndHyphens(String callId) {
        assertThatThrownBy(() -> CallRules.check(request(callId, "2024-05-01", "2024-05-31")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(ApiException.FieldProblem::field).containsExactly("callId"));
    }

    @Test
    void everyProblemOfADefinitionIsReported() {
        CallRequest bad = new CallRequest("sjs-2024", " ", null, 1999, "2024-05-31", "2024-05-01",
                LocalDate.of(2024, 8, 1), LocalDate.of(2024, 7, 1), Map.of(ApplicationType.POINT, -1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "Bad Id"),
                new Call.Period(LocalDate.of(2024, 1, 1), LocalDate.of(2023, 1, 1)), null, null, null);
        assertThatThrownBy(() -> CallRules.check(bad)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(ApiException.FieldProblem::field).containsExactlyInAnyOrder(
                        "title", "district", "year", "applicationCloses", "reviewEnds", "quotas.POINT",
                        "rubrics.ZONE", "rubrics", "assessmentPeriod"));
    }

    @Test
    void everyDateOfACallLiesBetween2000And2100NamingTheField() {
        CallRequest far = new CallRequest("sjs-2024", "2024 年度申报", "石景山区", 2024, "1999-12-31",
                "+999999999-12-31T23:00:00Z", LocalDate.of(2024, 7, 1), LocalDate.MAX,
                Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                new Call.Period(LocalDate.of(1, 1, 1), LocalDate.of(2024, 5, 31)), null, null, null);
        assertThatThrownBy(() -> CallRules.check(far)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.errors()).extracting(ApiException.FieldProblem::field).containsExactlyInAnyOrder(
                    "applicationOpens", "applicationCloses", "reviewEnds", "assessmentPeriod.from");
            assertThat(e.errors()).extracting(ApiException.FieldProblem::message).containsOnly("v.date-range");
        });
        // the ends of the range themselves are fine
        CallRequest edges = new CallRequest("sjs-2024", "2024 年度申报", "石景山区", 2024, "2000-01-01",
                "2100-12-31", LocalDate.of(2100, 12, 31), LocalDate.of(2100, 12, 31),
                Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"), null,
                null, null, null);
        assertThat(CallRules.check(edges).reviewEnds()).isEqualTo(LocalDate.of(2100, 12, 31));
    }

    @Test
    void theReferenceCallAsksForTheSealedFormAndTheDeclarationInItsDistrict() {
        Call c = sjs2023();
        assertThat(c.districtCode()).isEqualTo("110107");
        assertThat(c.sealedFormRequired()).isTrue();
        assertThat(c.declarationText()).startsWith("本单位承诺");
        assertThat(c.reviewOpenAt(OffsetDateTime.parse("2023-06-30T23:59:59+08:00").toInstant())).isFalse();
        assertThat(c.reviewOpenAt(OffsetDateTime.parse("2023-07-01T00:00:00+08:00").toInstant())).isTrue();
        assertThat(c.reviewOpenAt(OffsetDateTime.parse("2023-08-15T23:59:59+08:00").toInstant())).isTrue();
        assertThat(c.reviewOpenAt(OffsetDateTime.parse("2023-08-16T00:00:00+08:00").toInstant())).isFalse();
        Call withoutPeriod = new Call(c.callId(), c.title(), c.district(), c.year(), c.applicationOpens(),
                c.applicationCloses(), null, null, c.quotas(), c.rubrics(), c.assessmentPeriod(), c.districtCode(),
                c.sealedFormRequired(), c.declarationText(), null, null, 1, null, null, List.of());
        assertThat(withoutPeriod.reviewOpenAt(OffsetDateTime.parse("2023-08-16T00:00:00+08:00").toInstant()))
                .as("no review period named: opinions as reviews any day (scoring-service's rule too)").isTrue();
    }

    @Test
    void aReopeningNeedsAReasonAndADayNotBeforeToday() {
        Instant now = OffsetDateTime.parse("2023-09-01T10:00:00+08:00").toInstant();
        assertThatThrownBy(() -> CallRules.reopening(" ", LocalDate.of(2023, 8, 31), "admin", now))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(ApiException.FieldProblem::field).containsExactlyInAnyOrder("reason", "until"));
        Call.ReviewReopening r = CallRules.reopening(" 补充审核 ", LocalDate.of(2023, 9, 1), "admin", now);
        assertThat(r.reason()).isEqualTo("补充审核");
        Call c = sjs2023();
        Call reopened = new Call(c.callId(), c.title(), c.district(), c.year(), c.applicationOpens(),
                c.applicationCloses(), c.reviewStarts(), c.reviewEnds(), c.quotas(), c.rubrics(), c.assessmentPeriod(),
                c.districtCode(), c.sealedFormRequired(), c.declarationText(), null, r, 2, null, null, List.of());
        assertThat(reopened.reviewOpenAt(now)).isTrue();
        assertThat(reopened.reviewOpenAt(OffsetDateTime.parse("2023-09-02T00:00:00+08:00").toInstant())).isFalse();
    }

    @Test
    void aDistrictCodeHasSixDigits() {
        CallRequest r = request("sjs-2024", "2024-05-01", "2024-05-31");
        CallRequest bad = new CallRequest(r.callId(), r.title(), r.district(), r.year(), r.applicationOpens(),
                r.applicationCloses(), r.reviewStarts(), r.reviewEnds(), r.quotas(), r.rubrics(), null, "11010",
                true, "承诺");
        assertThatThrownBy(() -> CallRules.check(bad)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(ApiException.FieldProblem::field).containsExactly("districtCode"));
    }

    static CallRequest request(String callId, String opens, String closes) {
        return new CallRequest(callId, "2024 年度申报", "石景山区", 2024, opens, closes, LocalDate.of(2024, 7, 1),
                LocalDate.of(2024, 8, 15), Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"), null,
                null, null, null);
    }
}
