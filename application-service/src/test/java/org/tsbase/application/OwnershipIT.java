package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tsbase.application.intake.Application;

/**
 * An applicant sees and changes only its own organisation's applications: another organisation's application
 * answers 404 exactly like one that does not exist, for every operation. Reviewers read everything but change no
 * form.
 */
class OwnershipIT extends IntegrationTestSupport {

    String owner;
    String stranger;
    String callId;
    String id;
    String attachmentId;

    @BeforeEach
    void anApplicationWithAnAttachment() {
        owner = freshOrg();
        stranger = freshOrg();
        callId = openCall();
        id = pointDraft(callId, owner);
        Response r = upload("/api/applications/" + id + "/attachments", applicant(owner), "台账.pdf", "application/pdf",
                pdf(), "LEDGER");
        assertThat(r.status()).isEqualTo(201);
        attachmentId = r.text("/id");
    }

    @Test
    void anotherOrganisationCannotReadListChangeAttachToOrDownload() {
        String them = applicant(stranger);
        Response notThere = get("/api/applications/does-not-exist", them);
        Response notTheirs = get("/api/applications/" + id, them);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.text("/detail")).isEqualTo(notThere.text("/detail"));
        assertThat(notTheirs.text("/title")).isEqualTo(notThere.text("/title"));

        assertThat(get("/api/applications?callId=" + callId, them).json().path("totalElements").asLong()).isZero();
        assertThat(get("/api/applications?creditCode=" + owner, them).json().path("totalElements").asLong())
                .as("an applicant cannot widen its list to another organisation").isZero();

        String a = "/api/applications/" + id;
        assertThat(put(a, them, TestForms.point(callId, stranger), "If-Match", "\"2\"").status()).isEqualTo(404);
        assertThat(post(a + "/submit", them, null).status()).isEqualTo(404);
        assertThat(post(a + "/withdraw", them, null).status()).isEqualTo(404);
        assertThat(upload(a + "/attachments", them, "x.pdf", "application/pdf", pdf(), null).status()).isEqualTo(404);
        assertThat(get(a + "/attachments", them).status()).isEqualTo(404);
        assertThat(download(a + "/attachments/" + attachmentId, them).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", a + "/attachments/" + attachmentId, them, null).status()).isEqualTo(404);

        Application unchanged = mongo.findById(id, Application.class);
        assertThat(unchanged.version()).isEqualTo(2);
        assertThat(unchanged.status().name()).isEqualTo("DRAFT");
        assertThat(unchanged.attachmentList()).hasSize(1);
    }

    @Test
    void theOwnerDownloadsItsFileUnderItsChineseName() {
        HttpResponse<byte[]> file = download("/api/applications/" + id + "/attachments/" + attachmentId,
                applicant(owner));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf());
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .contains("filename*=UTF-8''%E5%8F%B0%E8%B4%A6.pdf"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void reviewersReadAndDownloadButChangeNoForm() {
        String a = "/api/applications/" + id;
        assertThat(get(a, district()).status()).isEqualTo(200);
        assertThat(get(a, city()).status()).isEqualTo(200);
        assertThat(download(a + "/attachments/" + attachmentId, district()).statusCode()).isEqualTo(200);
        assertThat(get("/api/applications?callId=" + callId, district()).json().path("totalElements").asLong())
                .isEqualTo(1);
        assertThat(put(a, district(), TestForms.point(callId, owner), "If-Match", "\"2\"").status()).isEqualTo(403);
        assertThat(post(a + "/submit", district(), null).status()).isEqualTo(403);
        assertThat(upload(a + "/attachments", city(), "x.pdf", "application/pdf", pdf(), null).status()).isEqualTo(403);
        assertThat(send("DELETE", a + "/attachments/" + attachmentId, district(), null).status()).isEqualTo(403);
    }

    @Test
    void theOwnerRemovesAnAttachmentOfItsDraft() {
        String a = "/api/applications/" + id;
        assertThat(send("DELETE", a + "/attachments/" + attachmentId, applicant(owner), null).status()).isEqualTo(204);
        assertThat(get(a + "/attachments", applicant(owner)).json().size()).isZero();
        assertThat(download(a + "/attachments/" + attachmentId, applicant(owner)).statusCode()).isEqualTo(404);
    }
}
