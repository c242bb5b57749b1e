package org.tsbase.application.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tsbase.application.IntegrationTestSupport;
import org.tsbase.application.intake.Application;
import org.tsbase.events.ApplicationType;
import org.tsbase.events.EventTypes;
import org.tsbase.events.ScoreComputed;
import org.tsbase.events.Topics;
import org.tsbase.support.testing.TopicProbe;

/** The demo data: seeded once however often the seeder runs, then walked through the reviewers' steps once scored. */
class DemoIT extends IntegrationTestSupport {

    @Autowired
    DemoData demo;
    @Autowired
    DemoProgress progress;

    String status(String id) {
        return mongo.findById(id, Application.class).status().name();
    }

    @Test
    void seededOnceWithApplicationsInSeveralStatesAndWalkedOnceScored() {
        demo.seed();
        demo.seed();

        Response call = get("/api/calls/" + DemoData.DEMO_CALL, applicant(ORG));
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.text("/phase")).isEqualTo("OPEN");
        assertThat(call.json().path("version").asLong()).isEqualTo(1);
        List<String> demoIds = List.of("demo-2023-point-shijingshan", "demo-2023-point-jingxi", "demo-2023-point-bajiao",
                "demo-2023-zone-park", "demo-now-zone-park", "demo-now-point-jingxi", "demo-now-point-bajiao");
        demoIds.forEach(id -> assertThat(mongo.findById(id, Application.class)).as(id).isNotNull());
        assertThat(status("demo-now-zone-park")).isEqualTo("DRAFT");
        assertThat(status("demo-now-point-jingxi")).isEqualTo("SUBMITTED");
        assertThat(status("demo-now-point-bajiao")).isEqualTo("WITHDRAWN");
        assertThat(status("demo-2023-point-shijingshan")).isEqualTo("SUBMITTED");
        assertThat(mongo.findById("demo-2023-point-shijingshan", Application.class).version()).isEqualTo(2);

        // the demo applicant sees its own applications, and can still apply as a POINT in the open demo call
        assertThat(get("/api/applications?callId=sjs-2023", applicant(ORG)).json().path("totalElements").asLong())
                .isEqualTo(1);
        assertThat(get("/api/applications?callId=" + DemoData.DEMO_CALL + "&type=POINT", applicant(ORG)).json()
                .path("totalElements").asLong()).isZero();

        for (String id : List.of("demo-2023-point-shijingshan", "demo-2023-point-jingxi", "demo-2023-point-bajiao",
                "demo-2023-zone-park")) {
            Application a = mongo.findById(id, Application.class);
            TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED,
                    UUID.randomUUID().toString(), score(a));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> status("demo-2023-zone-park").equals("SCORED")
                && status("demo-2023-point-bajiao").equals("SCORED"));
        progress.advance();
        progress.advance();

        assertThat(status("demo-2023-point-shijingshan")).isEqualTo("ACCEPTED");
        assertThat(status("demo-2023-point-jingxi")).isEqualTo("RECOMMENDED");
        assertThat(status("demo-2023-point-bajiao")).isEqualTo("NOT_RECOMMENDED");
        assertThat(status("demo-2023-zone-park")).isEqualTo("ACCEPTED");
        assertThat(mongo.findAll(DemoPlan.class)).isEmpty();
        assertThat(mongo.findById("demo-2023-point-shijingshan", Application.class).districtOpinion().by())
                .isEqualTo(DemoProgress.DISTRICT);

        demo.seed();
        assertThat(status("demo-2023-point-shijingshan")).as("seeding again changes nothing").isEqualTo("ACCEPTED");
    }

    static ScoreComputed score(Application a) {
        boolean weak = a.id().contains("bajiao");
        java.math.BigDecimal total = new java.math.BigDecimal(weak ? "41.00" : "92.50");
        return new ScoreComputed(a.id(), a.callId(), a.type(), a.creditCode(), a.organizationName(), a.version(),
                a.type() == ApplicationType.POINT ? "sjs-point-2023" : "sjs-zone-2023", 1,
                total.min(new java.math.BigDecimal("90")), java.math.BigDecimal.ZERO, total, !weak, List.of(),
                "SUBMISSION", 1, java.time.Instant.now());
    }
}
