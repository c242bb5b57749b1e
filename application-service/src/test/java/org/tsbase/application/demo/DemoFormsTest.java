package org.tsbase.application.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallRules;
import org.tsbase.application.form.ApplicationForm;
import org.tsbase.application.form.Completeness;
import org.tsbase.events.CreditCode;
import org.tsbase.application.form.FormRules;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.web.Problems;

/** The demo data would pass the service's own checks: valid codes, dates inside the periods, complete forms. */
class DemoFormsTest {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void demoOrganisationsHaveValidCodes() {
        for (String code : List.of(DemoForms.SHIJINGSHAN, DemoForms.JINGXI, DemoForms.PARK, DemoForms.BAJIAO)) {
            assertThat(CreditCode.isValid(code)).as(code).isTrue();
        }
    }

    @Test
    void everyDemoFormIsValidAndAllButTheDraftComplete() {
        DemoData data = new DemoData(null, null, null, null, Clock.fixed(NOW, ZoneOffset.UTC));
        CallRules.Definition d = data.demoCall();
        Call demo = new Call(d.callId(), d.title(), d.district(), d.year(), d.applicationOpens(), d.applicationCloses(),
                d.reviewStarts(), d.reviewEnds(), d.quotas(), d.rubrics(), d.assessmentPeriod(), d.districtCode(),
                d.sealedFormRequired(), d.declarationText(), null, null, 1, NOW, NOW, List.of());
        assertThat(demo.phaseAt(NOW)).isEqualTo(Call.Phase.OPEN);
        LocalDate today = LocalDate.ofInstant(NOW, Call.ZONE);
        for (DemoData.Seed seed : data.seeds(demo)) {
            Problems p = new Problems();
            FormRules.check(seed.form(), today, p);
            assertThat(p.fields()).as(seed.id()).isEmpty();
            List<String> missing = Completeness.missing(seed.form());
            if (seed.target() == ApplicationStatus.DRAFT) {
                assertThat(missing).as(seed.id()).isNotEmpty();
            } else {
                assertThat(missing).as(seed.id()).isEmpty();
            }
        }
    }

    @Test
    void datedEvidenceOf2023LiesInsideThe2023Period() {
        ApplicationForm form = DemoForms.shijingshan(LocalDate.of(2023, 5, 31), LocalDate.of(2023, 5, 25));
        var evidence = ((org.tsbase.application.form.PointForm) form).evidence();
        evidence.trainings().forEach(t -> assertThat(t.date()).isBetween(LocalDate.of(2022, 6, 1), LocalDate.of(2023, 5, 31)));
        assertThat(evidence.inspections().get(0).date()).isBefore(LocalDate.of(2022, 12, 1));
        assertThat(evidence.inspections().get(1).date()).isAfter(LocalDate.of(2022, 11, 30));
    }
}
