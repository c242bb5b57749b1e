package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.junit.jupiter.api.Test;
import org.tsbase.application.call.Call;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.events.testing.EventContractAssertions;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * The notice's procedure through the API (issue 9): quota and pass mark, the review period, 附件6 at submission,
 * return for correction, seal and declaration, eligibility flags, published results.
 */
class ProcedureIT extends IntegrationTestSupport {

    void scored(String id, String callId, String org, String total) {
        long version = get("/api/applications/" + id, admin()).json().path("version").asLong();
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                PipelineIT.score(id, callId, org, version, 1, total));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SCORED".equals(get("/api/applications/" + id, admin()).text("/status")));
    }

    String scoredApplication(String callId, String total) {
        String org = freshOrg();
        String id = submitted(callId, org);
        scored(id, callId, org, total);
        return id;
    }

    List<ConsumerRecord<String, byte[]>> events(String key, String topic, String type) {
        return TopicProbe.readAll(bootstrap(), topic, type).stream().filter(r -> key.equals(r.key())).toList();
    }

    @Test
    void twoReviewersRecommendingTheLastSlotAtOnceOnlyOneWinsAndAdminMayOverrideWithAReason() throws Exception {
        String callId = openCall();
        reviewOpen(callId);
        String first = scoredApplication(callId, "95.00");
        String second = scoredApplication(callId, "90.00");
        List<String> racing = List.of(scoredApplication(callId, "88.00"), scoredApplication(callId, "86.00"));
        String failed = scoredApplication(callId, "78.00");
        String body = "{\"recommended\": true, \"text\": \"同意推荐。\"}";
        assertThat(post("/api/applications/" + first + "/district-opinion", district(), body).status()).isEqualTo(200);
        assertThat(post("/api/applications/" + second + "/district-opinion", district(), body).status()).isEqualTo(200);

        // the last POINT slot (quota 3), claimed by two reviewers at the same moment
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Response>> answers = new ArrayList<>();
        for (String id : racing) {
            answers.add(pool.submit((Callable<Response>) () ->
                    post("/api/applications/" + id + "/district-opinion", district(), body)));
        }
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (Future<Response> f : answers) {
            Response r = f.get();
            statuses.add(r.status());
            if (r.status() == 409) {
                refused = r;
            }
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("/detail")).contains("示范点").contains("3").contains("名额");
        JsonNode recommended = get("/api/applications?callId=" + callId + "&status=RECOMMENDED", admin()).json();
        assertThat(recommended.path("totalElements").asLong()).isEqualTo(3);

        Response below = post("/api/applications/" + failed + "/district-opinion", district(), body);
        assertThat(below.status()).as("the pass mark comes before the quota").isEqualTo(422);
        assertThat(below.text("/detail")).contains("80").contains("78");
        Response reviewerOverride = post("/api/applications/" + failed + "/district-opinion", district(),
                "{\"recommended\": true, \"override\": {\"reason\": \"我想\"}}");
        assertThat(reviewerOverride.status()).isEqualTo(403);
        assertThat(post("/api/applications/" + failed + "/district-opinion", admin(), body).status())
                .as("ADMIN does not review, it only overrides").isEqualTo(403);
        assertThat(post("/api/applications/" + failed + "/district-opinion", admin(),
                "{\"recommended\": true, \"override\": {\"reason\": \" \"}}").status())
                .as("an override needs a written reason").isEqualTo(400);
        Response overridden = post("/api/applications/" + failed + "/district-opinion", admin(),
                "{\"recommended\": true, \"text\": \"特批\", \"override\": {\"reason\": \"市局同意增补名额\"}}");
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
        assertThat(overridden.text("/status")).isEqualTo("RECOMMENDED");
        assertThat(overridden.text("/districtOpinion/overrideReason")).isEqualTo("市局同意增补名额");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> changed = events(failed, Topics.APPLICATIONS,
                    EventTypes.APPLICATION_STATUS_CHANGED);
            assertThat(changed).extracting(r -> EventJson.tree(r.value()).at("/opinion/overrideReason").asString())
                    .contains("市局同意增补名额");
        });
    }

    @Test
    void districtOpinionsOnlyWithinTheReviewPeriodOrAfterAnAdminReopening() {
        String callId = openCall();
        String id = scoredApplication(callId, "90.00");
        Response closed = post("/api/applications/" + id + "/district-opinion", district(), "{\"recommended\": true}");
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.text("/detail")).contains("审核推荐期").contains(TestForms.today().plusDays(11).toString());
        assertThat(get("/api/calls/" + callId, district()).text("/reviewOpen")).isEqualTo("false");

        assertThat(post("/api/calls/" + callId + "/reopen-review", district(),
                "{\"reason\": \"x\", \"until\": \"" + TestForms.today() + "\"}").status()).isEqualTo(403);
        Response noReason = post("/api/calls/" + callId + "/reopen-review", admin(),
                "{\"until\": \"" + TestForms.today() + "\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorFields()).containsExactly("reason");
        Response reopened = post("/api/calls/" + callId + "/reopen-review", admin(),
                "{\"reason\": \"材料齐全，提前审核\", \"until\": \"" + TestForms.today() + "\"}");
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.text("/reviewOpen")).isEqualTo("true");
        assertThat(reopened.text("/reviewReopening/reason")).isEqualTo("材料齐全，提前审核");
        assertThat(post("/api/applications/" + id + "/district-opinion", district(), "{\"recommended\": true}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events(callId, Topics.CALLS,
                EventTypes.CALL_UPSERTED)).anySatisfy(r -> {
                    EventContractAssertions.assertConforms(EventTypes.CALL_UPSERTED, r.value());
                    assertThat(EventJson.tree(r.value()).at("/change/kind").asString()).isEqualTo("REVIEW_REOPENED");
                    assertThat(EventJson.tree(r.value()).at("/change/reason").asString()).isEqualTo("材料齐全，提前审核");
                }));
    }

    @Test
    void submissionNeedsAContactOfTheOrganisationAndRecordsThemMaskedToReviewers() {
        String callId = openCall();
        String org = freshOrg();
        Response draft = post("/api/applications", applicant(org), TestForms.point(callId, org));
        String id = draft.text("/id");
        Response refused = post("/api/applications/" + id + "/submit", applicant(org), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("contacts");
        assertThat(refused.body()).contains("附件6");

        contactsOf(org);
        assertThat(submit(id, org).status()).isEqualTo(200);
        Response own = get("/api/applications/" + id, applicant(org));
        assertThat(own.text("/contactsAtSubmission/0/name")).isEqualTo("周联络");
        assertThat(own.text("/contactsAtSubmission/0/mobilePhone")).isEqualTo("13812345678");
        Response reviewer = get("/api/applications/" + id, district());
        assertThat(reviewer.text("/contactsAtSubmission/0/mobilePhone")).isEqualTo("138****5678");
        assertThat(reviewer.text("/contactsAtSubmission/0/email")).isEqualTo("z***@example.com");
        assertThat(get("/api/applications/" + id, admin()).text("/contactsAtSubmission/0/mobilePhone"))
                .isEqualTo("13812345678");

        // a tombstone (no contact left) is learnt as well: the next organisation's submission is refused again
        String gone = freshOrg();
        contactsOf(gone);
        TopicProbe.sendRaw(bootstrap(), new ProducerRecord<>(Topics.CONTACTS, gone, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> !mongo.exists(Query.query(Criteria.where("_id").is(gone)),
                "organization-contacts"));
    }

    @Test
    void returnedForCorrectionEditedAndResubmittedAfterTheCallClosedAndRescored() {
        String callId = openCall();
        String org = freshOrg();
        String id = submitted(callId, org);
        scored(id, callId, org, "72.00");
        String deadline = TestForms.today().plusDays(20).toString();
        assertThat(post("/api/applications/" + id + "/return", applicant(org),
                "{\"reason\": \"x\", \"deadline\": \"" + deadline + "\"}").status()).isEqualTo(403);
        Response noDeadline = post("/api/applications/" + id + "/return", district(), "{\"reason\": \"补正\"}");
        assertThat(noDeadline.status()).isEqualTo(400);
        assertThat(noDeadline.errorFields()).containsExactly("deadline");
        Response returned = post("/api/applications/" + id + "/return", district(),
                "{\"reason\": \"培训台账缺少签到表，请补充后重新提交。\", \"deadline\": \"" + deadline + "\"}");
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        assertThat(returned.text("/status")).isEqualTo("RETURNED");
        assertThat(returned.text("/correction/reason")).isEqualTo("培训台账缺少签到表，请补充后重新提交。");
        assertThat(returned.text("/returnExpired")).isEqualTo("false");
        long returnedVersion = returned.json().path("version").asLong();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> r = events(id, Topics.APPLICATIONS, EventTypes.APPLICATION_RETURNED);
            assertThat(r).hasSize(1);
            EventContractAssertions.assertConforms(EventTypes.APPLICATION_RETURNED, r.get(0).value());
            JsonNode e = EventJson.tree(r.get(0).value());
            assertThat(e.path("reason").asString()).startsWith("培训台账");
            assertThat(e.path("fromStatus").asString()).isEqualTo("SCORED");
            assertThat(e.path("deadline").asString()).isEqualTo(TestForms.today().plusDays(20)
                    .atTime(LocalTime.of(23, 59, 59)).atZone(Call.ZONE).toInstant().toString());
        });

        Instant afterClose = TestForms.today().plusDays(12).atStartOfDay(Call.ZONE).toInstant();
        try {
            clock.fix(afterClose);
            Response edited = put("/api/applications/" + id, applicant(org),
                    FormJson.with(TestForms.point(callId, org), "/evidence/partTimeStaff", "6"),
                    "If-Match", "\"" + returnedVersion + "\"");
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            Response again = submit(id, org);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.text("/status")).isEqualTo("SUBMITTED");
            assertThat(again.text("/correction/answeredAt")).isNotNull();
            long resubmitted = again.json().path("version").asLong();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events(id, Topics.APPLICATIONS,
                    EventTypes.APPLICATION_SUBMITTED)).extracting(r -> EventJson.tree(r.value()).path("version")
                    .asLong()).contains(resubmitted));
        } finally {
            clock.reset();
        }
    }

    @Test
    void anUnansweredReturnExpiresAndIsRefused() {
        String callId = openCall();
        String org = freshOrg();
        String id = submitted(callId, org);
        String deadline = TestForms.today().plusDays(1).toString();
        assertThat(post("/api/applications/" + id + "/return", district(),
                "{\"reason\": \"补正\", \"deadline\": \"" + deadline + "\"}").status()).isEqualTo(200);
        try {
            clock.fix(TestForms.today().plusDays(2).atStartOfDay(Call.ZONE).toInstant());
            Response read = get("/api/applications/" + id, applicant(org));
            assertThat(read.text("/status")).isEqualTo("RETURNED");
            assertThat(read.text("/returnExpired")).isEqualTo("true");
            Response late = submit(id, org);
            assertThat(late.status()).isEqualTo(422);
            assertThat(late.text("/detail")).contains("逾期").contains(deadline);
        } finally {
            clock.reset();
        }
    }

    @Test
    void theSealedFormAndTheDeclarationWhereTheCallAsksForThem() {
        String callId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String call = FormJson.with(FormJson.with(FormJson.with(TestForms.call(callId, TestForms.today().minusDays(10),
                TestForms.today().plusDays(10)), "/sealedFormRequired", "true"), "/declarationText",
                "\"本单位承诺所填报信息真实、准确、完整。\""), "/districtCode", "\"110107\"");
        assertThat(post("/api/calls", admin(), call).status()).isEqualTo(201);
        String org = freshOrg();
        String id = pointDraft(callId, org);
        Response bare = submit(id, org);
        assertThat(bare.status()).isEqualTo(422);
        assertThat(bare.errorFields()).containsExactlyInAnyOrder("attachments.SEALED_FORM", "declarationAccepted");
        assertThat(bare.body()).contains("本单位承诺所填报信息真实、准确、完整。");
        assertThat(upload("/api/applications/" + id + "/attachments", applicant(org), "申报表（盖章）.pdf",
                "application/pdf", pdf(), "SEALED_FORM").status()).isEqualTo(201);
        assertThat(post("/api/applications/" + id + "/submit", applicant(org), "{\"declarationAccepted\": false}")
                .errorFields()).containsExactly("declarationAccepted");
        Response ok = post("/api/applications/" + id + "/submit", applicant(org), "{\"declarationAccepted\": true}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.text("/declaration/text")).isEqualTo("本单位承诺所填报信息真实、准确、完整。");
        assertThat(ok.text("/declaration/acceptedAt")).isNotNull();
    }

    @Test
    void eligibilityFlagsAreShownToReviewersAndCarriedInTheSubmittedEvent() {
        String callId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/calls", admin(), FormJson.with(TestForms.call(callId, TestForms.today().minusDays(10),
                TestForms.today().plusDays(10)), "/districtCode", "\"110108\"")).status()).isEqualTo(201);
        String org = freshOrg();
        String id = pointDraft(callId, org);
        assertThat(submit(id, org).status()).isEqualTo(200);
        Response reviewer = get("/api/applications/" + id, district());
        List<String> codes = new ArrayList<>();
        reviewer.json().path("eligibilityFlags").forEach(f -> codes.add(f.path("code").asString()));
        // TestForms: credit code 91110107…, industry 软件和信息技术服务业 (not the notice's wording), staff 180 = 180
        assertThat(codes).containsExactlyInAnyOrder("CREDIT_CODE_DISTRICT", "INDUSTRY_NOT_LISTED");
        assertThat(get("/api/applications/" + id, applicant(org)).json().path("eligibilityFlags").size()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events(id, Topics.APPLICATIONS,
                EventTypes.APPLICATION_SUBMITTED)).singleElement().satisfies(r -> {
                    EventContractAssertions.assertConforms(EventTypes.APPLICATION_SUBMITTED, r.value());
                    assertThat(EventJson.tree(r.value()).path("eligibilityFlags").size()).isEqualTo(2);
                }));
    }

    @Test
    void applicantsSeeTheirScoreOnlyOnceTheResultsArePublished() {
        String callId = openCall();
        String org = freshOrg();
        String id = submitted(callId, org);
        scored(id, callId, org, "88.00");
        assertThat(get("/api/applications/" + id, applicant(org)).text("/score/total")).isNull();
        assertThat(get("/api/applications?callId=" + callId, applicant(org)).text("/items/0/total")).isNull();
        assertThat(get("/api/applications/" + id, district()).text("/score/total")).isNotNull();
        assertThat(post("/api/calls/" + callId + "/results-published", applicant(org), null).status()).isEqualTo(403);
        Response published = post("/api/calls/" + callId + "/results-published", district(), null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.text("/resultsPublishedAt")).isNotNull();
        assertThat(get("/api/applications/" + id, applicant(org)).json().at("/score/total").decimalValue())
                .isEqualByComparingTo("88.00");
        assertThat(get("/api/applications?callId=" + callId, applicant(org)).text("/items/0/total")).isNotNull();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events(callId, Topics.CALLS,
                EventTypes.CALL_UPSERTED)).anySatisfy(r -> {
                    assertThat(EventJson.tree(r.value()).path("resultsPublishedAt").isNull()).isFalse();
                    assertThat(EventJson.tree(r.value()).at("/change/kind").asString()).isEqualTo("RESULTS_PUBLISHED");
                }));
    }
}
