package org.tsbase.application.document;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Service;
import org.tsbase.application.call.Call;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.security.Caller;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call's dossier (材料包) for the city: one ZIP written straight to the response, entry by entry, never held whole:
 * <pre>
 * 00_推荐汇总表.xlsx                          (scoring-service's ranking of the call, both types)
 * 01_北京某某科技有限公司_示范点/申报表.pdf      (the form, as {@link FormDocuments} prints it for the caller)
 * 01_北京某某科技有限公司_示范点/评分表.pdf      (scoring-service's score sheet)
 * 01_北京某某科技有限公司_示范点/附件/01_台账.pdf (the attachments, from GridFS)
 * 00_区局推荐意见.csv                          (the district's opinion, its signatory and date per application)
 * manifest.json                              (every entry's size and SHA-256, and what could not be included)
 * </pre>
 * Applications are numbered by type (示范点 first), then score (highest first), then submission time. What
 * scoring-service cannot give (down, or refusing) is named in the manifest instead of failing the download.
 */
@Service
class Dossiers {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final MongoTemplate mongo;
    private final GridFsTemplate gridFs;
    private final FormDocuments forms;
    private final ScoringDocuments scoring;
    private final Clock clock;

    Dossiers(MongoTemplate mongo, GridFsTemplate gridFs, FormDocuments forms, ScoringDocuments scoring, Clock clock) {
        this.mongo = mongo;
        this.gridFs = gridFs;
        this.forms = forms;
        this.scoring = scoring;
        this.clock = clock;
    }

    /** One line of the manifest. */
    record Entry(String path, long size, String sha256, String recordedSha256) {
    }

    record Listed(int number, String folder, String applicationId, String organizationName, String creditCode,
            ApplicationType type, String status, long version, java.math.BigDecimal total,
            Map<String, Object> districtOpinion) {
    }

    record Manifest(String callId, String callTitle, String status, Instant generatedAt, String generatedBy,
            List<Listed> applications, List<Entry> entries, List<String> problems) {
    }

    /** The ids of the call's applications in that status, in the dossier's order (a projection, not the documents). */
    List<String> selection(String callId, ApplicationStatus status) {
        Query q = query(where("callId").is(callId).and("status").is(status.name()));
        q.fields().include("_id", "type", "submittedAt", "score.total");
        List<Document> found = new ArrayList<>(mongo.find(q, Document.class, Application.COLLECTION));
        found.sort(Comparator.<Document, Integer>comparing(d -> "POINT".equals(d.getString("type")) ? 0 : 1)
                .thenComparing(d -> total(d), Comparator.reverseOrder())
                .thenComparing(d -> d.getDate("submittedAt"), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(d -> d.getString("_id")));
        return found.stream().map(d -> d.getString("_id")).toList();
    }

    private static double total(Document d) {
        Object score = d.get("score");
        if (score instanceof Document s && s.get("total") != null) {
            return new java.math.BigDecimal(s.get("total").toString()).doubleValue();
        }
        return -1;
    }

    void write(Call call, ApplicationStatus status, List<String> ids, Caller caller, String bearer, OutputStream out)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Listed> listed = new ArrayList<>();
        ZipOutputStream zip = new ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8);
        try (ScoringDocuments.Fetched ranking = scoring.ranking(call.callId(), bearer)) {
            if (ranking.ok()) {
                entries.add(put(zip, "00_推荐汇总表.xlsx", ranking.body(), null));
            } else {
                problems.add("00_推荐汇总表.xlsx 未能包含：" + ranking.problem());
            }
        }
        int width = ids.size() >= 99 ? 3 : 2;
        Set<String> folders = new HashSet<>();
        int number = 0;
        for (String id : ids) {
            Application a = mongo.findById(id, Application.class);
            if (a == null || a.status() != status) {
                problems.add("申报 " + id + " 在打包期间已不再是 " + status + "，未包含");
                continue;
            }
            number++;
            String type = a.type() == ApplicationType.POINT ? "示范点" : "示范区";
            String folder = String.format("%0" + width + "d", number) + "_"
                    + SafeNames.segment(a.organizationName() == null ? a.creditCode() : a.organizationName(), 60)
                    + "_" + type;
            if (!folders.add(folder)) {
                folder = folder + "_" + a.id().substring(0, 8);
            }
            Application.Opinion d = a.districtOpinion();
            Map<String, Object> opinion = null;
            if (d != null) {
                opinion = new LinkedHashMap<>();
                opinion.put("recommended", d.positive());
                opinion.put("text", d.text());
                opinion.put("by", d.by());
                opinion.put("at", d.at());
            }
            listed.add(new Listed(number, folder + "/", a.id(), a.organizationName(), a.creditCode(), a.type(),
                    a.status().name(), a.version(), a.score() == null ? null : a.score().total(), opinion));
            FormDocuments.Printed form = forms.print(a, caller);
            entries.add(put(zip, folder + "/申报表.pdf", new ByteArrayInputStream(form.pdf()), null));
            try (ScoringDocuments.Fetched sheet = scoring.scoreSheet(a.id(), bearer)) {
                if (sheet.ok()) {
                    entries.add(put(zip, folder + "/评分表.pdf", sheet.body(), null));
                } else {
                    problems.add(folder + "/评分表.pdf 未能包含：" + sheet.problem());
                }
            }
            int n = 0;
            Set<String> names = new HashSet<>();
            for (Application.Attachment x : a.attachmentList()) {
                n++;
                String name = String.format("%02d", n) + "_" + SafeNames.file(x.fileName(), 100);
                if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    name = String.format("%02d", n) + "_" + x.fileId() + "_" + SafeNames.file(x.fileName(), 60);
                }
                String path = folder + "/附件/" + name;
                GridFSFile file = gridFs.findOne(query(where("_id").is(new ObjectId(x.fileId()))));
                if (file == null) {
                    problems.add(path + " 未能包含：文件存储中找不到该附件（" + x.fileId() + "）");
                    continue;
                }
                try (InputStream in = gridFs.getResource(file).getInputStream()) {
                    Entry e = put(zip, path, in, x.sha256());
                    entries.add(e);
                    if (x.sha256() != null && !x.sha256().equals(e.sha256())) {
                        problems.add(path + " 的 SHA-256 与上传时记录的不一致");
                    }
                }
            }
        }
        entries.add(put(zip, "00_区局推荐意见.csv", new ByteArrayInputStream(opinions(listed)), null));
        Manifest manifest = new Manifest(call.callId(), call.title(), status.name(), clock.instant(),
                caller.subject(), listed, entries, problems);
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(JSON.writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /**
     * The district's opinion per application of the dossier (scoring-service's list does not hold it): CSV in UTF-8
     * with a byte order mark, so that Excel opens it in Chinese.
     */
    static byte[] opinions(List<Listed> listed) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.Writer writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        try (org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(writer,
                org.apache.commons.csv.CSVFormat.EXCEL)) {
            csv.printRecord("序号", "申报单位", "统一社会信用代码", "申报类型", "状态", "总分", "区局推荐意见", "意见内容", "负责人",
                    "意见日期", "文件夹", "申报编号");
            for (Listed l : listed) {
                Map<String, Object> d = l.districtOpinion();
                Object at = d == null ? null : d.get("at");
                csv.printRecord(l.number(), l.organizationName(), l.creditCode(),
                        l.type() == ApplicationType.POINT ? "示范点" : "示范区", l.status(),
                        l.total() == null ? "" : l.total().stripTrailingZeros().toPlainString(),
                        d == null ? "" : Boolean.TRUE.equals(d.get("recommended")) ? "推荐" : "不推荐",
                        d == null || d.get("text") == null ? "" : d.get("text"),
                        d == null || d.get("by") == null ? "" : d.get("by"),
                        at instanceof Instant i ? FormText.day(i) : "", l.folder(), l.applicationId());
            }
        }
        return out.toByteArray();
    }

    private static Entry put(ZipOutputStream zip, String path, InputStream in, String recorded) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ZipEntry entry = new ZipEntry(path);
        zip.putNextEntry(entry);
        long size = new DigestInputStream(in, sha).transferTo(zip);
        zip.closeEntry();
        return new Entry(path, size, HexFormat.of().formatHex(sha.digest()), recorded);
    }
}
