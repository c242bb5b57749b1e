package org.tsbase.application.document;

import static org.tsbase.documents.Cell.label;
import static org.tsbase.documents.Cell.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tsbase.application.call.Call;
import org.tsbase.application.form.ApplicantOpinion;
import org.tsbase.application.form.Contact;
import org.tsbase.application.form.PointOrganization;
import org.tsbase.application.form.ZoneEvidence;
import org.tsbase.application.form.ZoneOrganization;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationStatus;
import org.tsbase.application.intake.ApplicationView;
import org.tsbase.documents.CjkFont;
import org.tsbase.documents.PdfPages;
import org.tsbase.events.ApplicationType;

/**
 * An application printed as the notice's form: 附件2 (示范点) or 附件3 (示范区), their table row by row, then what
 * the paper form leaves to 另附页: the evidence answers the standards read, the attachments with their SHA-256 and the
 * contacts of 附件6 as of submission. The footer of every page names the record: application id, version,
 * submission time and the SHA-256 of its content ({@link ContentHash}). Drafts carry a 草稿 watermark.
 */
final class ApplicationPdf {

    /** What is printed: the application as this reader may see it, and what the record says beyond the form. */
    record Input(Application application, ApplicationView view, Optional<Call> call,
            Optional<List<ContactRow>> contactsAtSubmission, String contentHash, Instant printedAt) {
    }

    private ApplicationPdf() {
    }

    static byte[] render(Input in, CjkFont font, FormText text) {
        ApplicationView v = in.view();
        boolean point = v.type() == ApplicationType.POINT;
        String formName = point ? "北京市商业秘密保护示范基地（示范点）申报表" : "北京市商业秘密保护示范基地（示范区）申报表";
        String orgName = v.organization() == null ? null : v.organization().name();
        try (PdfPages pdf = new PdfPages(font, formName + (orgName == null ? "" : " — " + orgName),
                "TS-Base " + in.application().id(), PdfPages.beijing(in.printedAt()))) {
            pdf.paragraph(point ? "附件2" : "附件3", 10.5f);
            pdf.title("北京市商业秘密保护示范基地（" + (point ? "示范点" : "示范区") + "）", 18).title("申报表", 18);
            pdf.centred("批次：" + in.call().map(Call::title).orElse(v.callId()) + "（" + v.callId() + "）    状态："
                    + text.message("status." + v.status(), v.status().name()), 9).gap(8);
            if (point) {
                pointTable(pdf, v, text);
            } else {
                zoneTable(pdf, v, text);
            }
            opinions(pdf, v, point, text);
            evidence(pdf, v, text);
            attachments(pdf, in.application(), text);
            contacts(pdf, in.contactsAtSubmission(), in.application().submittedAt() != null);
            Application a = in.application();
            List<String> footer = List.of(
                    "申报编号 " + a.id() + " · 版本 " + a.version() + " · 提交时间 "
                            + (a.submittedAt() == null ? "未提交" : FormText.minute(a.submittedAt())),
                    "内容 SHA-256 " + in.contentHash() + " · 打印于 " + FormText.minute(in.printedAt()));
            return pdf.finish(footer, a.status() == ApplicationStatus.DRAFT ? Optional.of("草稿") : Optional.empty());
        }
    }

    private static void pointTable(PdfPages pdf, ApplicationView v, FormText t) {
        PointOrganization o = v.organization() instanceof PointOrganization p ? p
                : new PointOrganization(null, null, null, null, null, null, null, null, null, null);
        pdf.row(label("企业名称", .18f), value(t.answer(o.name()), .42f), label("法定代表人", .16f),
                value(t.answer(o.legalRepresentative()), .24f));
        pdf.row(label("经营地址", .18f), value(t.answer(o.address()), .42f), label("邮政编码", .16f),
                value(t.answer(o.postalCode()), .24f));
        pdf.row(label("企业类型", .18f), value(t.answer(o.enterpriseType()), .42f), label("所属行业", .16f),
                value(t.answer(o.industry()), .24f));
        pdf.row(label("年产值", .18f), value(amount(o.annualOutputWanYuan(), "万元", t), .42f), label("员工数量", .16f),
                value(o.employeeCount() == null ? FormText.BLANK : o.employeeCount() + " 人", .24f));
        pdf.row(label("统一社会信用代码", .18f), value(t.answer(o.creditCode()), .42f), label("所在园区", .16f),
                value(o.parkCreditCode() == null ? "无" : o.parkCreditCode(), .24f));
        contactRow(pdf, v.contact(), t);
        workRow(pdf, v, t);
    }

    private static void zoneTable(PdfPages pdf, ApplicationView v, FormText t) {
        ZoneOrganization o = v.organization() instanceof ZoneOrganization z ? z
                : new ZoneOrganization(null, null, null, null, null, null, null, null);
        ZoneEvidence e = v.evidence() instanceof ZoneEvidence z ? z : null;
        pdf.row(label("园区名称", .18f), value(t.answer(o.name()), .42f), label("负责人", .16f),
                value(t.answer(o.head()), .24f));
        pdf.row(label("经营地址", .18f), value(t.answer(o.address()), .42f), label("邮政编码", .16f),
                value(t.answer(o.postalCode()), .24f));
        pdf.row(label("园区类型", .18f), value(t.answer(o.parkType()), .18f), label("入园企业数", .12f),
                value(o.enterprisesInPark() == null ? FormText.BLANK : o.enterprisesInPark() + " 家", .12f),
                label("园区产值", .16f), value(amount(o.parkOutputWanYuan(), "万元", t), .24f));
        Integer meeting = e == null ? null : e.enterprisesMeetingPointStandard();
        Integer doing = e == null ? null : e.enterprisesDoingProtection();
        pdf.row(label("符合商业秘密示范点标准企业数", .24f), value(meeting == null ? FormText.BLANK : meeting + " 家", .2f),
                label("园区内开展商业秘密保护企业占比", .28f), value(share(doing, o.enterprisesInPark()), .28f));
        pdf.row(label("统一社会信用代码", .18f), value(t.answer(o.creditCode()), .82f));
        contactRow(pdf, v.contact(), t);
        workRow(pdf, v, t);
    }

    private static void contactRow(PdfPages pdf, Contact c, FormText t) {
        Contact contact = c == null ? new Contact(null, null, null, null) : c;
        pdf.row(label("联系人", .18f), value(t.answer(contact.name()), .18f), label("职务/职称", .12f),
                value(t.answer(contact.title()), .16f), label("联系电话", .12f), value(t.answer(contact.phone()), .24f));
    }

    private static void workRow(PdfPages pdf, ApplicationView v, FormText t) {
        String work = v.workDescription() == null || v.workDescription().isBlank() ? FormText.BLANK
                : v.workDescription();
        pdf.row(label("商业秘密保护工作开展情况\n（可另附页）", .18f), value(work, .82f));
    }

    private static void opinions(PdfPages pdf, ApplicationView v, boolean point, FormText t) {
        ApplicantOpinion own = v.applicantOpinion();
        String sealed = own == null || own.sealed() == null ? "" : own.sealed() ? "（已加盖单位公章）" : "（未加盖单位公章）";
        pdf.row(label(point ? "申报企业意见" : "园区管理部门申报意见", .18f), value("负责人："
                + (own == null || own.signatory() == null ? "" : own.signatory()) + "    " + sealed + "\n"
                + FormText.day(own == null ? null : own.date()), .82f));
        ApplicationView.DistrictOpinion d = v.districtOpinion();
        pdf.row(label("区市场监管局推荐意见", .18f), value(d == null
                ? "（尚无）\n负责人：            （单位公章）\n" + FormText.day((java.time.LocalDate) null)
                : "结论：" + (d.recommended() ? "推荐" : "不推荐") + text(d.text()) + "\n负责人：" + t.answer(d.by())
                        + "\n" + FormText.day(d.at()), .82f));
        ApplicationView.CityOpinion c = v.cityOpinion();
        pdf.row(label("市局验收意见", .18f), value(c == null ? "（尚无）\n" + FormText.day((java.time.LocalDate) null)
                : "结论：" + (c.accepted() ? "验收通过" : "验收未通过") + text(c.text()) + "\n经办人：" + t.answer(c.by())
                        + "\n" + FormText.day(c.at()), .82f));
    }

    private static String text(String opinion) {
        return opinion == null || opinion.isBlank() ? "" : "\n" + opinion;
    }

    private static void evidence(PdfPages pdf, ApplicationView v, FormText t) {
        pdf.heading("佐证信息（评分标准" + (v.type() == ApplicationType.POINT ? "附件4" : "附件5") + "所依据的事实）");
        List<EvidenceLines.Line> lines = EvidenceLines.of(v.evidence(), t);
        if (lines.isEmpty()) {
            pdf.row(label("佐证信息", .4f), value(FormText.BLANK, .6f));
        }
        for (EvidenceLines.Line line : lines) {
            pdf.row(label(line.label(), .4f), value(line.answer(), .6f));
        }
        if (v.score() != null) {
            Application.Score s = v.score();
            pdf.row(label("评分结果", .4f), value("总分 " + t.answer(s.total()) + "（基础分 " + t.answer(s.base())
                    + " + 加分 " + t.answer(s.bonus()) + "），" + (s.passed() ? "合格" : "不合格") + "；评分标准 "
                    + s.rubricId() + " 第 " + s.rubricVersion() + " 版", .6f));
        }
    }

    private static void attachments(PdfPages pdf, Application a, FormText t) {
        pdf.heading("附件（共 " + a.attachmentList().size() + " 个）");
        pdf.row(9, label("序号", .07f), label("文件名", .3f), label("类别", .1f), label("大小", .1f),
                label("SHA-256", .43f));
        int i = 1;
        for (Application.Attachment x : a.attachmentList()) {
            pdf.row(8, value(String.valueOf(i++), .07f), value(x.fileName(), .3f),
                    value(x.kind() == null ? "" : t.constant(x.kind()), .1f), value(size(x.size()), .1f),
                    value(x.sha256(), .43f));
        }
        if (a.attachmentList().isEmpty()) {
            pdf.row(9, value("无", 1f));
        }
    }

    private static void contacts(PdfPages pdf, Optional<List<ContactRow>> contacts, boolean submitted) {
        pdf.heading("工作联络人信息表（附件6，提交时）");
        pdf.row(9, label("姓名", .12f), label("部门", .15f), label("职务", .13f), label("办公电话", .16f),
                label("个人电话", .16f), label("电子邮箱", .16f), label("备注", .12f));
        if (contacts.isEmpty()) {
            pdf.row(9, value(submitted ? "本申报提交时未记录联络人名单，请以工作联络人信息表（附件6）原件为准。"
                    : "尚未提交：联络人名单在提交时记录。", 1f));
            return;
        }
        for (ContactRow c : contacts.get()) {
            pdf.row(9, value(c.name(), .12f), value(c.department(), .15f), value(c.title(), .13f),
                    value(c.officePhone(), .16f), value(c.mobilePhone(), .16f), value(c.email(), .16f),
                    value(c.remarks(), .12f));
        }
        if (contacts.get().isEmpty()) {
            pdf.row(9, value("提交时该单位未登记联络人。", 1f));
        }
    }

    private static String amount(BigDecimal value, String unit, FormText t) {
        return value == null ? FormText.BLANK : t.answer(value) + " " + unit;
    }

    private static String share(Integer part, Integer whole) {
        if (part == null || whole == null || whole <= 0) {
            return FormText.BLANK;
        }
        BigDecimal pct = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        return pct.stripTrailingZeros().toPlainString() + "%（" + part + "/" + whole + " 家）";
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1024 * 1024), 1, RoundingMode.HALF_UP) + " MB";
    }
}
