package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.tsbase.application.intake.Application;

/**
 * Requests that try to smuggle something in (operators, fields the client may not set, oversized or disguised
 * files) are refused with a problem, and nothing of them is stored.
 */
class HostileInputIT extends IntegrationTestSupport {

    @Autowired
    GridFsTemplate gridFs;

    String org;
    String callId;
    String id;

    @BeforeEach
    void aDraft() {
        org = freshOrg();
        callId = openCall();
        id = pointDraft(callId, org);
    }

    long applicationsOf(String creditCode) {
        return mongo.count(query(where("creditCode").is(creditCode)), Application.class);
    }

    long files() {
        return mongo.getCollection("fs.files").countDocuments();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/callId|{\"$ne\": null}",
            "/organization/creditCode|{\"$ne\": null}",
            "/organization/$where|\"1 == 1\"",
            "/evidence/totalStaff|{\"$gt\": 0}",
            "/evidence/$set|{\"status\": \"ACCEPTED\"}",
            "/contact/phone|{\"$regex\": \".*\"}",
            "/$where|\"true\"",
    })
    void operatorsAreRefusedAndChangeNothing(String change) {
        String[] parts = change.split("\\|", 2);
        String other = freshOrg();
        String create = FormJson.with(TestForms.point(callId, other), parts[0], parts[1]);
        Response r = post("/api/applications", applicant(other), create);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(applicationsOf(other)).isZero();

        String edit = FormJson.with(TestForms.point(callId, org), parts[0], parts[1]);
        assertThat(put("/api/applications/" + id, applicant(org), edit, "If-Match", "\"1\"").status()).isEqualTo(400);
        assertThat(mongo.findById(id, Application.class).version()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "status", "score", "version", "createdAt", "updatedAt", "submittedAt",
            "districtOpinion", "cityOpinion", "attachments", "creditCode", "outbox"})
    void fieldsTheClientMayNotSetAreRefusedNotIgnored(String field) {
        String other = freshOrg();
        Response r = post("/api/applications", applicant(other),
                FormJson.with(TestForms.point(callId, other), "/" + field, "\"x\""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorFields()).containsExactly(field);
        assertThat(r.body()).contains("不允许的字段：" + field);
        assertThat(applicationsOf(other)).isZero();
        Response edit = put("/api/applications/" + id, applicant(org),
                FormJson.with(TestForms.point(callId, org), "/" + field, "\"SCORED\""), "If-Match", "\"1\"");
        assertThat(edit.status()).isEqualTo(400);
        assertThat(mongo.findById(id, Application.class).version()).isEqualTo(1);
    }

    @Test
    void duplicateKeysAndCoercedScalarsAreRefused() {
        String body = TestForms.point(callId, org);
        String duplicated = body.replaceFirst("\"callId\": \"" + callId + "\"",
                "\"callId\": \"" + callId + "\", \"callId\": \"sjs-2023\"");
        assertThat(put("/api/applications/" + id, applicant(org), duplicated, "If-Match", "\"1\"").status())
                .isEqualTo(400);
        Response numberAsText = put("/api/applications/" + id, applicant(org),
                FormJson.with(body, "/workDescription", "12345"), "If-Match", "\"1\"");
        assertThat(numberAsText.status()).isEqualTo(400);
        assertThat(numberAsText.errorFields()).containsExactly("workDescription");
        assertThat(mongo.findById(id, Application.class).version()).isEqualTo(1);
    }

    @Test
    void a25MegabyteFileIs413AndNothingIsStored() {
        long before = files();
        byte[] big = Arrays.copyOf(pdf(), 25 * 1024 * 1024);
        Response r = upload("/api/applications/" + id + "/attachments", applicant(org), "big.pdf", "application/pdf", big,
                "LEDGER");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(files()).isEqualTo(before);
        Application a = mongo.findById(id, Application.class);
        assertThat(a.attachmentList()).isEmpty();
        assertThat(a.version()).isEqualTo(1);
    }

    @Test
    void aFileAboveTheConfiguredLimitIs413NamingTheLimit() {
        long before = files();
        byte[] big = Arrays.copyOf(pdf(), 20 * 1024 * 1024 + 1);
        Response r = upload("/api/applications/" + id + "/attachments", applicant(org), "big.pdf", "application/pdf", big,
                null);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text("/detail")).contains("20 MB");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void filesAreRecognisedByContentNotByNameOrDeclaredType() {
        long before = files();
        byte[] exe = "MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes();
        Response disguised = upload("/api/applications/" + id + "/attachments", applicant(org), "申报表.pdf",
                "application/pdf", exe, null);
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(disguised.text("/detail")).contains("PDF、JPEG 或 PNG");
        assertThat(files()).isEqualTo(before);

        Response png = upload("/api/applications/" + id + "/attachments", applicant(org), "scan.pdf",
                "application/pdf", png(), "SUPPLEMENT");
        assertThat(png.status()).isEqualTo(201);
        assertThat(png.text("/contentType")).isEqualTo("image/png");
        HttpResponse<byte[]> back = download(png.text("/href"), applicant(org));
        assertThat(back.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(sha256(back.body())).isEqualTo(png.text("/sha256"));
        assertThat(upload("/api/applications/" + id + "/attachments", applicant(org), "empty.pdf", "application/pdf",
                new byte[0], null).status()).isEqualTo(400);
    }

    @Test
    void theNumberOfFilesIsLimited() {
        for (int i = 0; i < 30; i++) {
            assertThat(upload("/api/applications/" + id + "/attachments", applicant(org), "p" + i + ".png",
                    "image/png", png(), null).status()).isEqualTo(201);
        }
        long before = files();
        Response r = upload("/api/applications/" + id + "/attachments", applicant(org), "one-too-many.png",
                "image/png", png(), null);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text("/detail")).contains("30");
        assertThat(files()).isEqualTo(before);
        assertThat(mongo.findById(id, Application.class).attachmentList()).hasSize(30);
    }

    @Test
    void aFileNameCutByCrLfIs400AndNothingIsStored() {
        long before = files();
        Response r = upload("/api/applications/" + id + "/attachments", applicant(org), "a\r\nX-Injected: 1.pdf",
                "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.text("/type")).isEqualTo("urn:tsbase:problem:application.attachment-name");
        assertThat(files()).isEqualTo(before);
        assertThat(mongo.findById(id, Application.class).attachmentList()).isEmpty();
    }

    @Test
    void aCallDateOutside2000To2100Is400NamingTheFieldAndNothingIsStored() {
        String callId = "it-far-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String far = TestForms.call(callId, TestForms.today().minusDays(10), TestForms.today().plusDays(10))
                .replaceFirst("\"reviewEnds\": \"[^\"]+\"", "\"reviewEnds\": \"+999999999-12-31\"");
        assertThat(far).contains("+999999999-12-31");
        Response r = post("/api/calls", admin(), far);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.text("/errors/0/field")).isEqualTo("reviewEnds");
        assertThat(get("/api/calls/" + callId, admin()).status()).isEqualTo(404);
    }
}
