package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tsbase.application.call.Call;
import org.tsbase.events.EventJson;
import org.tsbase.events.EventTypes;
import org.tsbase.events.Topics;
import org.tsbase.events.testing.EventContractAssertions;
import org.tsbase.support.testing.TopicProbe;
import tools.jackson.databind.JsonNode;

/** The application's life: draft, attachments, submission, score, the two opinions, withdrawal, and its rules. */
class WorkflowIT extends IntegrationTestSupport {

    List<ConsumerRecord<String, byte[]>> events(String id) {
        return TopicProbe.readAll(bootstrap(), Topics.APPLICATIONS).stream().filter(r -> id.equals(r.key())).toList();
    }

    void scored(String id, String callId, String org) {
        long submittedVersion = get("/api/applications/" + id, admin()).json().path("version").asLong();
        TopicProbe.sendEvent(bootstrap(), Topics.SCORES, id, EventTypes.SCORE_COMPUTED, UUID.randomUUID().toString(),
                PipelineIT.score(id, callId, org, submittedVersion, 1, "88.00"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SCORED".equals(get("/api/applications/" + id, admin()).text("/status")));
    }

    @Test
    void draftAttachSubmitScoredRecommendedAccepted() {
        String callId = openCall();
        reviewOpen(callId);
        String org = freshOrg();
        contactsOf(org);
        Response draft = post("/api/applications", applicant(org), TestForms.point(callId, org));
        assertThat(draft.status()).isEqualTo(201);
        String id = draft.text("/id");
        assertThat(draft.header("Location")).isEqualTo("/api/applications/" + id);
        assertThat(draft.etag()).isEqualTo("\"1\"");
        assertThat(draft.text("/status")).isEqualTo("DRAFT");
        assertThat(draft.json().path("missingFields").size()).isZero();
        assertThat(draft.text("/organization/creditCode")).isEqualTo(org);
        assertThat(draft.text("/evidence/trainings/0/ledger")).isEqualTo("true");

        byte[] pdf = pdf();
        Response attached = upload("/api/applications/" + id + "/attachments", applicant(org), "申报表（盖章）.pdf",
                "application/pdf", pdf, "SEALED_FORM");
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        assertThat(attached.text("/sha256")).isEqualTo(sha256(pdf));
        assertThat(attached.text("/contentType")).isEqualTo("application/pdf");
        assertThat(attached.text("/fileName")).isEqualTo("申报表（盖章）.pdf");
        assertThat(attached.text("/kind")).isEqualTo("SEALED_FORM");

        Response submitted = post("/api/applications/" + id + "/submit", applicant(org), null, "If-Match", "\"2\"");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.text("/status")).isEqualTo("SUBMITTED");
        assertThat(submitted.json().path("attachments").size()).isEqualTo(1);

        scored(id, callId, org);

        Response recommended = post("/api/applications/" + id + "/district-opinion", district(),
                "{\"recommended\": true, \"text\": \"组织机构健全，同意推荐。\"}");
        assertThat(recommended.status()).as(recommended.body()).isEqualTo(200);
        assertThat(recommended.text("/status")).isEqualTo("RECOMMENDED");
        Response accepted = post("/api/applications/" + id + "/city-opinion", city(),
                "{\"accepted\": true, \"text\": \"验收通过。\"}");
        assertThat(accepted.status()).isEqualTo(200);

        Response end = get("/api/applications/" + id, applicant(org));
        assertThat(end.text("/status")).isEqualTo("ACCEPTED");
        assertThat(end.text("/districtOpinion/recommended")).isEqualTo("true");
        assertThat(end.text("/districtOpinion/text")).isEqualTo("组织机构健全，同意推荐。");
        assertThat(end.text("/districtOpinion/by")).isEqualTo("district_reviewer-user");
        assertThat(end.text("/cityOpinion/accepted")).isEqualTo("true");
        assertThat(end.text("/score")).as("the applicant sees the score once results are published").isNull();
        assertThat(get("/api/applications/" + id, admin()).json().at("/score/total").decimalValue())
                .isEqualByComparingTo("88.00");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events(id)).hasSize(5));
        List<ConsumerRecord<String, byte[]>> events = events(id);
        assertThat(events).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                EventTypes.APPLICATION_CREATED, EventTypes.APPLICATION_SUBMITTED, EventTypes.APPLICATION_STATUS_CHANGED,
                EventTypes.APPLICATION_STATUS_CHANGED, EventTypes.APPLICATION_STATUS_CHANGED);
        events.forEach(r -> EventContractAssertions.assertConforms(TopicProbe.header(r, "ce_type"), r.value()));
        JsonNode toRecommended = EventJson.tree(events.get(3).value());
        assertThat(toRecommended.path("toStatus").asString()).isEqualTo("RECOMMENDED");
        assertThat(toRecommended.path("opinion").path("kind").asString()).isEqualTo("DISTRICT");
        assertThat(toRecommended.path("opinion").path("text").asString()).isEqualTo("组织机构健全，同意推荐。");
        JsonNode toAccepted = EventJson.tree(events.get(4).value());
        assertThat(toAccepted.path("opinion").path("kind").asString()).isEqualTo("CITY");
        assertThat(toAccepted.path("version").asLong()).isEqualTo(end.json().path("version").asLong());
    }

    @Test
    void aStepFromTheWrongStateIs409NamingTheCurrentState() {
        String callId = openCall();
        reviewOpen(callId);
        String org = freshOrg();
        String id = pointDraft(callId, org);

        Response early = post("/api/applications/" + id + "/district-opinion", district(), "{\"recommended\": true}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("/detail")).contains("草稿").contains("DRAFT");
        Response en = post("/api/applications/" + id + "/district-opinion", district(), "{\"recommended\": true}",
                "Accept-Language", "en");
        assertThat(en.text("/detail")).contains("draft").contains("DRAFT");

        assertThat(submit(id, org).status()).isEqualTo(200);
        Response twice = submit(id, org);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("/detail")).contains("已提交");
        scored(id, callId, org);
        Response city = post("/api/applications/" + id + "/city-opinion", city(), "{\"accepted\": true}");
        assertThat(city.status()).isEqualTo(409);
        assertThat(city.text("/detail")).contains("已评分");
        Response withdraw = post("/api/applications/" + id + "/withdraw", applicant(org), null);
        assertThat(withdraw.status()).isEqualTo(409);
        Response edit = put("/api/applications/" + id, applicant(org), TestForms.point(callId, org),
                "If-Match", get("/api/applications/" + id, applicant(org)).etag());
        assertThat(edit.status()).isEqualTo(409);

        assertThat(post("/api/applications/" + id + "/district-opinion", city(), "{\"recommended\": true}").status())
                .as("a city reviewer gives no district opinion").isEqualTo(403);
        assertThat(post("/api/applications/" + id + "/district-opinion", district(), "{\"text\": \"?\"}").status())
                .as("the decision is required").isEqualTo(400);
        Response no = post("/api/applications/" + id + "/district-opinion", district(),
                "{\"recommended\": false, \"text\": \"材料不足。\"}");
        assertThat(no.text("/status")).isEqualTo("NOT_RECOMMENDED");
        assertThat(post("/api/applications/" + id + "/city-opinion", city(), "{\"accepted\": true}").status())
                .isEqualTo(409);
    }

    @Test
    void withdrawnFromDraftOrSubmittedAndThenTheOrganisationMayApplyAgain() {
        String callId = openCall();
        String org = freshOrg();
        String first = pointDraft(callId, org);
        Response w1 = post("/api/applications/" + first + "/withdraw", applicant(org), null);
        assertThat(w1.status()).isEqualTo(200);
        assertThat(w1.text("/status")).isEqualTo("WITHDRAWN");
        assertThat(w1.text("/withdrawnAt")).isNotNull();

        String second = pointDraft(callId, org);
        assertThat(submit(second, org).status()).isEqualTo(200);
        assertThat(post("/api/applications/" + second + "/withdraw", applicant(org), null).text("/status"))
                .isEqualTo("WITHDRAWN");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> withdrawn = TopicProbe.readAll(bootstrap(), Topics.APPLICATIONS,
                    EventTypes.APPLICATION_WITHDRAWN).stream()
                    .filter(r -> r.key().equals(first) || r.key().equals(second)).toList();
            assertThat(withdrawn).hasSize(2);
            withdrawn.forEach(r -> EventContractAssertions.assertConforms(EventTypes.APPLICATION_WITHDRAWN, r.value()));
            assertThat(withdrawn).extracting(r -> EventJson.tree(r.value()).path("previousStatus").asString())
                    .containsExactlyInAnyOrder("DRAFT", "SUBMITTED");
        });
    }

    @Test
    void oneApplicationPerOrganisationCallAndType() {
        String callId = openCall();
        String org = freshOrg();
        pointDraft(callId, org);
        Response second = post("/api/applications", applicant(org), TestForms.point(callId, org));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("/detail")).contains("示范点").contains(callId);
        assertThat(post("/api/applications", applicant(org), TestForms.zone(callId, org)).status())
                .as("the other type is another application").isEqualTo(201);
        assertThat(post("/api/applications", applicant(org), TestForms.point(openCall(), org)).status())
                .as("another call is another application").isEqualTo(201);
    }

    @Test
    void editsNeedTheCurrentVersionInIfMatch() {
        String callId = openCall();
        String org = freshOrg();
        String id = pointDraft(callId, org);
        String changed = FormJson.with(TestForms.point(callId, org), "/evidence/partTimeStaff", "7");

        Response missing = put("/api/applications/" + id, applicant(org), changed);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.text("/detail")).contains("If-Match");
        assertThat(put("/api/applications/" + id, applicant(org), changed, "If-Match", "\"5\"").status())
                .isEqualTo(409);
        Response ok = put("/api/applications/" + id, applicant(org), changed, "If-Match", "\"1\"");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.etag()).isEqualTo("\"2\"");
        assertThat(ok.json().at("/evidence/partTimeStaff").asInt()).isEqualTo(7);
        Response stale = put("/api/applications/" + id, applicant(org), changed, "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("/detail")).contains("1").contains("2");

        Response otherType = put("/api/applications/" + id, applicant(org),
                FormJson.with(changed, "/type", "\"ZONE\""), "If-Match", "\"2\"");
        assertThat(otherType.status()).isEqualTo(400);
        assertThat(otherType.errorFields()).containsExactly("type");
        Response otherCode = put("/api/applications/" + id, admin(),
                FormJson.with(changed, "/organization/creditCode", "\"" + freshOrg() + "\""), "If-Match", "\"2\"");
        assertThat(otherCode.status()).isEqualTo(400);
        assertThat(otherCode.errorFields()).containsExactly("organization.creditCode");
        assertThat(get("/api/applications/" + id, applicant(org)).etag()).isEqualTo("\"2\"");
    }

    @Test
    void submittingOutsideTheWindowIs422NamingTheWindow() {
        String callId = openCall();
        String org = freshOrg();
        String id = pointDraft(callId, org);
        Instant lastSecond = TestForms.today().plusDays(10).atTime(LocalTime.of(23, 59, 59)).atZone(Call.ZONE)
                .toInstant();
        try {
            clock.fix(lastSecond.plusSeconds(1));
            Response late = submit(id, org);
            assertThat(late.status()).isEqualTo(422);
            assertThat(late.text("/detail")).contains(TestForms.today().plusDays(10) + " 23:59").contains("申报时间为");
            assertThat(get("/api/applications/" + id, applicant(org)).text("/status")).isEqualTo("DRAFT");
            clock.fix(lastSecond);
            assertThat(submit(id, org).status()).isEqualTo(200);
        } finally {
            clock.reset();
        }
        Response closed = post("/api/applications", applicant(org), TestForms.point("sjs-2023", org));
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.text("/detail")).contains("2023-05-01 00:00").contains("2023-05-31 23:59");
        Response en = post("/api/applications", applicant(org), TestForms.point("sjs-2023", org),
                "Accept-Language", "en");
        assertThat(en.text("/detail")).contains("Beijing time");
    }

    @Test
    void anIncompleteDraftIsKeptButNotSubmittedAndTheAnswerSaysWhatIsMissing() {
        String callId = openCall();
        String org = freshOrg();
        String body = "{\"callId\": \"" + callId + "\", \"type\": \"POINT\", \"organization\": "
                + TestForms.pointOrganization(org) + "}";
        Response draft = post("/api/applications", applicant(org), body);
        assertThat(draft.status()).isEqualTo(201);
        assertThat(draft.json().path("missingFields").toString()).contains("contact.phone", "evidence.totalStaff");

        Response submit = submit(draft.text("/id"), org);
        assertThat(submit.status()).isEqualTo(422);
        assertThat(submit.errorFields()).contains("contact.phone", "evidence.totalStaff", "applicantOpinion.sealed",
                "workDescription");
        assertThat(submit.body()).contains("联系电话为必填项");
        assertThat(get("/api/applications/" + draft.text("/id"), applicant(org)).text("/status")).isEqualTo("DRAFT");
    }

    @Test
    void validationProblemsNameTheirFieldsInChineseOrEnglish() {
        String callId = openCall();
        String org = freshOrg();
        String bad = FormJson.with(FormJson.with(TestForms.point(callId, org), "/contact/phone", "\"12345\""),
                "/evidence/trainedStaff", "181");
        Response zh = post("/api/applications", applicant(org), bad);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.header("Content-Type")).startsWith("application/problem+json");
        assertThat(zh.errorFields()).containsExactlyInAnyOrder("contact.phone", "evidence.trainedStaff");
        assertThat(zh.body()).contains("联系电话应为中国大陆手机号码或固定电话").contains("受训员工数不得超过员工总数（180）");
        Response en = post("/api/applications", applicant(org), bad, "Accept-Language", "en");
        assertThat(en.body()).contains("contact phone must be a mainland mobile number")
                .contains("trained staff may not exceed total staff (180)");

        Response foreign = post("/api/applications", applicant(org), TestForms.point(callId, freshOrg()));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorFields()).containsExactly("organization.creditCode");
        assertThat(foreign.body()).contains("统一社会信用代码须与登录账号所属单位一致");
        assertThat(post("/api/applications", district(), TestForms.point(callId, org)).status()).isEqualTo(403);
        Response unknownCall = post("/api/applications", applicant(org), TestForms.point("no-such-call", org));
        assertThat(unknownCall.status()).isEqualTo(400);
        assertThat(unknownCall.errorFields()).containsExactly("callId");
    }

    @Test
    void listsPageAndFilterWithAMaximumPageSize() {
        String callId = openCall();
        String org = freshOrg();
        String point = pointDraft(callId, org);
        Response zone = post("/api/applications", applicant(org), TestForms.zone(callId, org));
        assertThat(zone.status()).isEqualTo(201);
        assertThat(submit(point, org).status()).isEqualTo(200);

        JsonNode mine = get("/api/applications?callId=" + callId, applicant(org)).json();
        assertThat(mine.path("totalElements").asLong()).isEqualTo(2);
        assertThat(mine.path("items").findValuesAsString("organizationName")).hasSize(2);
        JsonNode points = get("/api/applications?callId=" + callId + "&type=POINT", applicant(org)).json();
        assertThat(points.path("items").findValuesAsString("id")).containsExactly(point);
        JsonNode submitted = get("/api/applications?callId=" + callId + "&status=SUBMITTED", district()).json();
        assertThat(submitted.path("items").findValuesAsString("id")).containsExactly(point);
        JsonNode paged = get("/api/applications?callId=" + callId + "&size=1&page=1", admin()).json();
        assertThat(paged.path("items").size()).isEqualTo(1);
        assertThat(paged.path("totalPages").asLong()).isEqualTo(2);

        Response tooBig = get("/api/applications?size=101", admin());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.errorFields()).containsExactly("size");
        assertThat(get("/api/applications?status=NOPE", admin()).status()).isEqualTo(400);
    }

    @Test
    void reviewersSeeTheContactPhoneMaskedTheOrganisationSeesItsOwn() {
        String callId = openCall();
        String org = freshOrg();
        String id = pointDraft(callId, org);
        assertThat(get("/api/applications/" + id, applicant(org)).text("/contact/phone")).isEqualTo("13812345678");
        assertThat(get("/api/applications/" + id, admin()).text("/contact/phone")).isEqualTo("13812345678");
        Response reviewer = get("/api/applications/" + id, district());
        assertThat(reviewer.text("/contact/phone")).isEqualTo("138****5678");
        assertThat(reviewer.text("/contact/email")).isEqualTo("l***@example.com");
        assertThat(reviewer.text("/contact/name")).isEqualTo("李示范");
    }
}
