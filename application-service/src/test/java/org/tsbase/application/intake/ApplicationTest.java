package org.tsbase.application.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsbase.application.call.Call;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.form.FormFixtures;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationReturned;
import org.tsbase.events.ApplicationStatusChanged;
import org.tsbase.events.ApplicationSubmitted;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.support.web.ApiException;

/** The workflow rules of the {@link Application} aggregate, without Spring, a database or a broker. */
class ApplicationTest {

    static final LocalDate OPENS = LocalDate.of(2023, 5, 1);
    static final LocalDate CLOSES = LocalDate.of(2023, 5, 31);
    static final LocalDate REVIEW_STARTS = LocalDate.of(2023, 7, 1);
    static final LocalDate REVIEW_ENDS = LocalDate.of(2023, 8, 15);
    static final Instant IN_WINDOW = at(LocalDate.of(2023, 5, 20), 10);
    static final Instant IN_REVIEW = at(LocalDate.of(2023, 7, 10), 10);
    static final String DECLARATION = "本单位承诺所填报信息及提交材料真实、准确、完整。";
    static final List<Application.ContactSnapshot> CONTACTS = List.of(new Application.ContactSnapshot("周联络", "法务部",
            "专员", "010-88797656", "13812345678", "zhou@example.com"));

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(Call.ZONE).toInstant();
    }

    static Call call(boolean sealed, String declaration, Call.ReviewReopening reopening) {
        return new Call("sjs-2023", "2023 年度申报", "石景山区", 2023, OPENS.atStartOfDay(Call.ZONE).toInstant(),
                CLOSES.atTime(LocalTime.of(23, 59, 59)).atZone(Call.ZONE).toInstant(), REVIEW_STARTS, REVIEW_ENDS,
                Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
                Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
                new Call.Period(LocalDate.of(2022, 6, 1), CLOSES), "110107", sealed, declaration, null, reopening, 1,
                null, null, List.of());
    }

    static Call plainCall() {
        return call(false, null, null);
    }

    static ApplicationForm form(ApplicationType type, String... pointerValues) {
        String body = FormFixtures.body(type);
        for (int i = 0; i < pointerValues.length; i += 2) {
            body = FormFixtures.with(body, pointerValues[i], pointerValues[i + 1]);
        }
        Problems p = new Problems();
        ApplicationForm form = FormFixtures.read(body, p);
        assertThat(p.isEmpty()).as(p.list().toString()).isTrue();
        return form;
    }

    static Application draft(ApplicationType type, String... pointerValues) {
        Application.Decision d = Application.start("app-1", "sjs-2023", form(type, pointerValues), IN_WINDOW);
        assertThat(d.events()).extracting(Application.Event::type).containsExactly(EventTypes.APPLICATION_CREATED);
        return d.next();
    }

    static Application submitted() {
        return draft(ApplicationType.POINT).submit(submission(plainCall(), IN_WINDOW, CONTACTS, false)).next();
    }

    static Application scored(boolean passed) {
        Application s = submitted();
        return s.builder().status(ApplicationStatus.SCORED).score(new Application.Score(
                new BigDecimal(passed ? "86.50" : "78.00"), BigDecimal.ZERO, BigDecimal.ZERO, passed, "r", 1,
                s.version(), 1, "SUBMISSION", IN_WINDOW)).build();
    }

    static Application.Submission submission(Call call, Instant now, List<Application.ContactSnapshot> contacts,
            boolean declarationAccepted) {
        return new Application.Submission(call, now, contacts, declarationAccepted, "applicant", false);
    }

    static ApiException refusal(Runnable step) {
        try {
            step.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("the step was not refused");
    }

    static List<String> fields(ApiException e) {
        return e.errors().stream().map(ApiException.FieldProblem::field).toList();
    }

    // ------------------------------------------------------------ submission

    @Test
    void aCompleteDraftWithAContactIsSubmittedWithItsEventContactsAndVersion() {
        Application draft = draft(ApplicationType.POINT);
        Application.Decision d = draft.submit(submission(call(false, DECLARATION, null), IN_WINDOW, CONTACTS, true));
        Application next = d.next();
        assertThat(next.status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(next.version()).isEqualTo(draft.version() + 1);
        assertThat(next.submittedVersion()).isEqualTo(next.version());
        assertThat(next.submittedAt()).isEqualTo(IN_WINDOW);
        assertThat(next.contactsAtSubmission()).isEqualTo(CONTACTS);
        assertThat(next.declaration()).isEqualTo(new Application.Declaration(DECLARATION, IN_WINDOW, "applicant"));
        assertThat(d.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventTypes.APPLICATION_SUBMITTED);
            assertThat(((ApplicationSubmitted) e.payload()).version()).isEqualTo(next.version());
        });
    }

    @Test
    void submissionOutsideTheWindowIs422() {
        Application draft = draft(ApplicationType.POINT);
        ApiException e = refusal(() -> draft.submit(submission(plainCall(), at(LocalDate.of(2023, 6, 1), 0), CONTACTS,
                false)));
        assertThat(e).isInstanceOf(WorkflowException.RuleBroken.class);
        assertThat(e.status().value()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("call.window-closed");
    }

    @Test
    void withoutAReachableContactSubmissionIs422NamingAnnex6() {
        Application draft = draft(ApplicationType.POINT);
        ApiException none = refusal(() -> draft.submit(submission(plainCall(), IN_WINDOW, List.of(), false)));
        assertThat(none.status().value()).isEqualTo(422);
        assertThat(fields(none)).containsExactly("contacts");
        List<Application.ContactSnapshot> unreachable = List.of(new Application.ContactSnapshot("无电话", null, null,
                null, " ", null));
        assertThat(fields(refusal(() -> draft.submit(submission(plainCall(), IN_WINDOW, unreachable, false)))))
                .containsExactly("contacts");
        List<Application.ContactSnapshot> emailOnly = List.of(new Application.ContactSnapshot("邮件", null, null, null,
                null, "a@example.com"));
        assertThat(draft.submit(submission(plainCall(), IN_WINDOW, emailOnly, false)).next().status())
                .isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void theSealedFormIsRequiredWhereTheCallSaysSo() {
        Application draft = draft(ApplicationType.POINT);
        ApiException e = refusal(() -> draft.submit(submission(call(true, null, null), IN_WINDOW, CONTACTS, false)));
        assertThat(fields(e)).containsExactly("attachments.SEALED_FORM");
        Application ledgerOnly = draft.builder().attachments(List.of(attachment(Application.AttachmentKind.LEDGER)))
                .build();
        assertThat(fields(refusal(() -> ledgerOnly.submit(submission(call(true, null, null), IN_WINDOW, CONTACTS,
                false))))).containsExactly("attachments.SEALED_FORM");
        Application sealed = draft.builder().attachments(List.of(attachment(Application.AttachmentKind.SEALED_FORM)))
                .build();
        assertThat(sealed.submit(submission(call(true, null, null), IN_WINDOW, CONTACTS, false)).next().status())
                .isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void theDeclarationMustBeAcceptedWhereTheCallHasOneAndIsRecordedOnlyThen() {
        Application draft = draft(ApplicationType.POINT);
        ApiException e = refusal(() -> draft.submit(submission(call(false, DECLARATION, null), IN_WINDOW, CONTACTS,
                false)));
        assertThat(fields(e)).containsExactly("declarationAccepted");
        assertThat(draft.submit(submission(plainCall(), IN_WINDOW, CONTACTS, false)).next().declaration())
                .as("a call without a declaration asks for nothing").isNull();
    }

    @Test
    void everythingMissingIsListedInOneProblem() {
        Application draft = draft(ApplicationType.POINT).builder().point(null).build();
        Application incomplete = Application.start("app-2", "sjs-2023", form(ApplicationType.POINT,
                "/workDescription", "null"), IN_WINDOW).next();
        ApiException e = refusal(() -> incomplete.submit(submission(call(true, DECLARATION, null), IN_WINDOW, List.of(),
                false)));
        assertThat(e.code()).isEqualTo("application.incomplete");
        assertThat(fields(e)).containsExactlyInAnyOrder("workDescription", "contacts", "attachments.SEALED_FORM",
                "declarationAccepted");
        assertThat(draft.status()).isEqualTo(ApplicationStatus.DRAFT);
    }

    @Test
    void theSeederRecreatingHistoryIsNotAskedForWindowContactsSealOrDeclaration() {
        Application draft = draft(ApplicationType.POINT);
        Application next = draft.submit(new Application.Submission(call(true, DECLARATION, null),
                at(LocalDate.of(2026, 1, 1), 9), List.of(), false, "demo-seeder", true)).next();
        assertThat(next.status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void aSubmittedApplicationIsNotSubmittedOrEditedAgain() {
        Application s = submitted();
        ApiException twice = refusal(() -> s.submit(submission(plainCall(), IN_WINDOW, CONTACTS, false)));
        assertThat(twice).isInstanceOf(WorkflowException.WrongStatus.class);
        assertThat(twice.status().value()).isEqualTo(409);
        assertThat(refusal(() -> s.edit(form(ApplicationType.POINT), IN_WINDOW)))
                .isInstanceOf(WorkflowException.WrongStatus.class);
    }

    // ------------------------------------------------------------ eligibility

    @Test
    void eligibilityIsFlaggedNeverRefused() {
        Application draft = draft(ApplicationType.POINT, "/organization/creditCode", "\"91110108MA01B2C34M\"",
                "/organization/industry", "\"其他：批发和零售业\"", "/organization/employeeCount", "200");
        Application next = draft.submit(submission(plainCall(), IN_WINDOW, CONTACTS, false)).next();
        assertThat(next.status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(next.eligibilityFlags()).extracting(Application.EligibilityFlag::code)
                .containsExactlyInAnyOrder("CREDIT_CODE_DISTRICT", "INDUSTRY_NOT_LISTED", "STAFF_MISMATCH");
        assertThat(next.eligibilityFlags()).extracting(Application.EligibilityFlag::message)
                .anySatisfy(m -> assertThat(m).contains("110108").contains("110107"))
                .anySatisfy(m -> assertThat(m).contains("200").contains("180"));
        ApplicationSubmitted event = (ApplicationSubmitted) draft.submit(submission(plainCall(), IN_WINDOW, CONTACTS,
                false)).events().get(0).payload();
        assertThat(event.eligibilityFlags()).hasSize(3);

        Application listed = draft(ApplicationType.POINT, "/organization/industry", "\"软件和信息服务业\"");
        assertThat(listed.submit(submission(plainCall(), IN_WINDOW, CONTACTS, false)).next().eligibilityFlags())
                .isEmpty();
        Application park = draft(ApplicationType.ZONE, "/organization/parkType", "\"其他：商务楼宇\"");
        assertThat(park.submit(submission(plainCall(), IN_WINDOW, CONTACTS, false)).next().eligibilityFlags())
                .extracting(Application.EligibilityFlag::code).containsExactly("PARK_TYPE_NOT_LISTED");
    }

    // ------------------------------------------------------------ return for correction

    @Test
    void aSubmittedOrScoredApplicationIsReturnedWithReasonAndDeadline() {
        Instant now = at(LocalDate.of(2023, 6, 2), 9);
        Instant deadline = at(LocalDate.of(2023, 6, 10), 23);
        for (Application a : List.of(submitted(), scored(true))) {
            Application.Decision d = a.returnForCorrection("培训台账缺少签到表", deadline, "reviewer", now);
            assertThat(d.next().status()).isEqualTo(ApplicationStatus.RETURNED);
            assertThat(d.next().correction()).isEqualTo(new Application.Correction("培训台账缺少签到表", deadline,
                    "reviewer", now, null));
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventTypes.APPLICATION_RETURNED);
                ApplicationReturned r = (ApplicationReturned) e.payload();
                assertThat(r.reason()).isEqualTo("培训台账缺少签到表");
                assertThat(r.deadline()).isEqualTo(deadline);
                assertThat(r.fromStatus()).isEqualTo(a.status().name());
                assertThat(r.version()).isEqualTo(a.version() + 1);
            });
        }
        assertThat(refusal(() -> draft(ApplicationType.POINT).returnForCorrection("x", deadline, "r", now)))
                .isInstanceOf(WorkflowException.WrongStatus.class);
        ApiException past = refusal(() -> submitted().returnForCorrection("x", now.minusSeconds(1), "r", now));
        assertThat(past.status().value()).isEqualTo(422);
        assertThat(past.code()).isEqualTo("return.deadline-past");
    }

    @Test
    void aReturnedApplicationIsEditedAndResubmittedAfterTheCallClosedBeforeItsDeadline() {
        Instant returnedAt = at(LocalDate.of(2023, 6, 2), 9);
        Instant deadline = at(LocalDate.of(2023, 6, 10), 23);
        Application returned = scored(true).returnForCorrection("补充盖章扫描件", deadline, "reviewer", returnedAt)
                .next();
        Instant afterClose = at(LocalDate.of(2023, 6, 8), 15);
        Application edited = returned.edit(form(ApplicationType.POINT, "/evidence/partTimeStaff", "7"), afterClose)
                .next();
        assertThat(edited.status()).isEqualTo(ApplicationStatus.RETURNED);
        Application.Decision again = edited.submit(submission(plainCall(), afterClose, CONTACTS, false));
        assertThat(again.next().status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(again.next().correction().answeredAt()).isEqualTo(afterClose);
        assertThat(((ApplicationSubmitted) again.events().get(0).payload()).version())
                .as("the new version is rescored").isEqualTo(edited.version() + 1);
        assertThat(again.next().returnExpiredAt(deadline.plusSeconds(3600))).as("answered").isFalse();
    }

    @Test
    void anUnansweredReturnExpiresAtItsDeadline() {
        Instant deadline = at(LocalDate.of(2023, 6, 10), 23);
        Application returned = submitted().returnForCorrection("补正", deadline, "reviewer",
                at(LocalDate.of(2023, 6, 2), 9)).next();
        assertThat(returned.returnExpiredAt(deadline)).isFalse();
        Instant late = deadline.plusSeconds(1);
        assertThat(returned.returnExpiredAt(late)).isTrue();
        ApiException e = refusal(() -> returned.submit(submission(plainCall(), late, CONTACTS, false)));
        assertThat(e.status().value()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("return.expired");
        assertThat(refusal(() -> returned.edit(form(ApplicationType.POINT), late)).code()).isEqualTo("return.expired");
    }

    @Test
    void withdrawalFromDraftSubmittedOrReturnedOnly() {
        assertThat(submitted().withdraw(IN_WINDOW).next().slot()).isEqualTo(Application.withdrawnSlot("app-1"));
        Application returned = submitted().returnForCorrection("补正", at(LocalDate.of(2023, 6, 10), 23), "r",
                at(LocalDate.of(2023, 6, 2), 9)).next();
        assertThat(returned.withdraw(IN_WINDOW).next().status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(refusal(() -> scored(true).withdraw(IN_WINDOW))).isInstanceOf(WorkflowException.WrongStatus.class);
    }

    // ------------------------------------------------------------ district and city opinions

    @Test
    void aDistrictOpinionOnlyWithinTheReviewPeriodBothDaysIncluded() {
        Application a = scored(true);
        Call call = plainCall();
        for (Instant outside : List.of(at(REVIEW_STARTS.minusDays(1), 23), at(REVIEW_ENDS.plusDays(1), 0))) {
            ApiException e = refusal(() -> a.districtOpinion(call, false, null, "r", null, false, null, outside));
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("review.closed");
        }
        for (Instant inside : List.of(REVIEW_STARTS.atStartOfDay(Call.ZONE).toInstant(),
                at(REVIEW_ENDS, 23).plusSeconds(3599))) {
            assertThat(a.districtOpinion(call, true, "同意", "r", null, false, Application.Quota.HELD, inside).next()
                    .status()).isEqualTo(ApplicationStatus.RECOMMENDED);
        }
    }

    @Test
    void anAdminReopeningOpensTheReviewUntilItsDay() {
        Instant early = at(LocalDate.of(2023, 6, 5), 10);
        Call reopened = call(false, null, new Call.ReviewReopening(LocalDate.of(2023, 6, 6), "提前审核", "admin", early));
        Application a = scored(true);
        assertThat(a.districtOpinion(reopened, true, null, "r", null, false, Application.Quota.HELD, early).next()
                .status()).isEqualTo(ApplicationStatus.RECOMMENDED);
        assertThat(refusal(() -> a.districtOpinion(reopened, true, null, "r", null, false, Application.Quota.HELD,
                at(LocalDate.of(2023, 6, 7), 0))).code()).isEqualTo("review.closed");
    }

    @Test
    void anApplicationBelowThePassMarkIsNotRecommendedButMayBeNotRecommended() {
        Application failed = scored(false);
        ApiException e = refusal(() -> failed.districtOpinion(plainCall(), true, null, "r", null, false,
                Application.Quota.HELD, IN_REVIEW));
        assertThat(e).isInstanceOf(WorkflowException.RuleBroken.class);
        assertThat(e.status().value()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("recommend.below-pass-mark");
        assertThat(failed.districtOpinion(plainCall(), false, "未达标", "r", null, false, null, IN_REVIEW).next()
                .status()).isEqualTo(ApplicationStatus.NOT_RECOMMENDED);
    }

    @Test
    void beyondTheQuotaIs409() {
        ApiException e = refusal(() -> scored(true).districtOpinion(plainCall(), true, null, "r", null, false,
                Application.Quota.EXHAUSTED, IN_REVIEW));
        assertThat(e).isInstanceOf(WorkflowException.QuotaExhausted.class);
        assertThat(e.status().value()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("recommend.quota-exhausted");
    }

    @Test
    void adminOverridesQuotaAndPassMarkWithAReasonRecordedOnTheOpinionAndItsEvent() {
        Application.AdminOverride override = new Application.AdminOverride("市局同意增补一个名额");
        Application.Decision d = scored(false).districtOpinion(plainCall(), true, "特批", "admin", override, true,
                Application.Quota.EXHAUSTED, IN_REVIEW);
        assertThat(d.next().status()).isEqualTo(ApplicationStatus.RECOMMENDED);
        assertThat(d.next().districtOpinion().overrideReason()).isEqualTo("市局同意增补一个名额");
        ApplicationStatusChanged event = (ApplicationStatusChanged) d.events().get(0).payload();
        assertThat(event.opinion().overrideReason()).isEqualTo("市局同意增补一个名额");
        assertThat(event.toStatus()).isEqualTo("RECOMMENDED");

        ApiException notAdmin = refusal(() -> scored(false).districtOpinion(plainCall(), true, null, "reviewer",
                override, false, Application.Quota.HELD, IN_REVIEW));
        assertThat(notAdmin.status().value()).isEqualTo(403);
        assertThat(refusal(() -> scored(true).districtOpinion(plainCall(), true, null, "admin", override, true,
                Application.Quota.HELD, at(LocalDate.of(2023, 9, 1), 9))).code())
                .as("an override is not a reopening").isEqualTo("review.closed");
    }

    @Test
    void theCityOpinionFollowsTheDistrictsRecommendation() {
        Application scored = scored(true);
        assertThat(refusal(() -> scored.cityOpinion(true, null, "city", IN_REVIEW)))
                .isInstanceOf(WorkflowException.WrongStatus.class);
        Application recommended = scored.districtOpinion(plainCall(), true, null, "r", null, false,
                Application.Quota.HELD, IN_REVIEW).next();
        Application.Decision d = recommended.cityOpinion(true, "验收通过", "city", IN_REVIEW);
        assertThat(d.next().status()).isEqualTo(ApplicationStatus.ACCEPTED);
        assertThat(refusal(() -> submitted().districtOpinion(plainCall(), true, null, "r", null, false,
                Application.Quota.HELD, IN_REVIEW))).isInstanceOf(WorkflowException.WrongStatus.class);
    }

    static Application.Attachment attachment(Application.AttachmentKind kind) {
        return new Application.Attachment("f1", "a.pdf", "application/pdf", 10, "00", kind, IN_WINDOW, "applicant");
    }
}
