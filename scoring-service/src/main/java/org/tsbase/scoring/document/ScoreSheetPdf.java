package org.tsbase.scoring.document;

import static org.tsbase.documents.Cell.label;
import static org.tsbase.documents.Cell.value;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.tsbase.documents.CjkFont;
import org.tsbase.documents.PdfPages;
import org.tsbase.scoring.rubric.CriterionScore;
import org.tsbase.scoring.rubric.ItemScore;
import org.tsbase.scoring.rubric.ReviewerScore;
import org.tsbase.scoring.rubric.ScoreResult;
import org.tsbase.scoring.sheet.ScoreSheet;

/**
 * A score sheet printed for the district's file: per criterion of 附件4/附件5 its sub-items in the standard's words,
 * the points each earned automatically with the evidence it read, every reviewer's points and reason, the final
 * points; then base, bonus, total, the pass mark and the verdict, and the rubric's id and version.
 */
final class ScoreSheetPdf {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    record Input(ScoreSheet sheet, Optional<String> rubricTitle, List<String> flags, Instant printedAt) {
    }

    private final CjkFont font;
    private final MessageSource messages;

    ScoreSheetPdf(CjkFont font, MessageSource messages) {
        this.font = font;
        this.messages = messages;
    }

    byte[] render(Input in) {
        ScoreSheet sheet = in.sheet();
        boolean point = sheet.type().name().equals("POINT");
        String kind = point ? "示范点" : "示范区";
        try (PdfPages pdf = new PdfPages(font, "商业秘密保护示范基地（" + kind + "）评分表 — " + sheet.organizationName(),
                "TS-Base " + sheet.applicationId(), PdfPages.beijing(in.printedAt()))) {
            pdf.title("北京市商业秘密保护示范基地（" + kind + "）评分表", 17);
            pdf.centred("依据《" + in.rubricTitle().orElse("石景山区商业秘密保护" + kind + "建设参考标准") + "》（"
                    + (point ? "附件4" : "附件5") + "）", 9).gap(8);
            ScoreResult s = sheet.result() == null ? null : sheet.result().score();
            pdf.row(label("申报单位", .16f), value(sheet.organizationName(), .84f));
            pdf.row(label("统一社会信用代码", .16f), value(sheet.creditCode(), .34f), label("申报版本", .16f),
                    value(String.valueOf(sheet.applicationVersion()), .34f));
            pdf.row(label("申报编号", .16f), value(sheet.applicationId(), .84f));
            pdf.row(label("评分标准", .16f), value(s == null ? "尚未评分" : s.rubricId() + " 第 " + s.rubricVersion() + " 版",
                    .34f), label("提交时间", .16f), value(minute(sheet.submittedAt()), .34f));
            if (s == null) {
                pdf.paragraph(sheet.withdrawn() ? "该申报已撤回，无评分结果。" : "该申报尚未完成自动评分。", 10.5f);
                return pdf.finish(footer(sheet, in.printedAt()), Optional.of("未评分"));
            }
            pdf.row(label("计算时间", .16f), value(minute(sheet.result().computedAt()), .34f), label("计算原因", .16f),
                    value(message("doc.cause." + sheet.result().cause(), sheet.result().cause()), .34f));
            for (CriterionScore c : s.criteria()) {
                criterion(pdf, c);
            }
            pdf.heading("得分汇总");
            pdf.row(label("基础分", .2f), value(points(s.base()) + " / " + points(baseMax(s)), .3f), label("加分", .2f),
                    value(points(s.bonus()) + "（封顶 " + points(s.bonusCap()) + "，封顶前 " + points(s.bonusBeforeCap())
                            + "）", .3f));
            pdf.row(label("总分", .2f), value(points(s.total()), .3f), label("合格标准", .2f),
                    value(points(s.passMark()) + " 分", .3f));
            pdf.row(label("结论", .2f), value(s.passed() ? "合格" : "不合格", .8f));
            if (!in.flags().isEmpty()) {
                pdf.row(label("提示", .2f), value(String.join("\n", in.flags()), .8f));
            }
            pdf.gap(24).paragraph("评审人（签字）：                              日期：    年    月    日", 10.5f);
            return pdf.finish(footer(sheet, in.printedAt()), Optional.empty());
        }
    }

    private void criterion(PdfPages pdf, CriterionScore c) {
        pdf.heading(c.id() + " " + c.title() + "（" + points(c.max()) + "分" + (c.bonus() ? "，加分项" : "") + "）");
        pdf.row(9, label("细则", .08f), label("内容（标准原文）", .4f), label("分值", .08f), label("自动得分", .09f),
                label("所读取的佐证", .35f));
        for (ItemScore i : c.items()) {
            pdf.row(9, value(i.itemId(), .08f), value(i.text() + (i.reviewerOnly() ? "（由评审认定）" : ""), .4f),
                    value(points(i.pointsAvailable()), .08f), value(points(i.pointsAwarded()), .09f),
                    value(evidence(i.evidenceRead()), .35f));
        }
        List<String> reviews = new ArrayList<>();
        for (ReviewerScore r : c.reviews()) {
            reviews.add(r.reviewer() + "：" + points(r.points()) + " 分"
                    + (r.comment() == null || r.comment().isBlank() ? "" : "，理由：" + r.comment()));
        }
        pdf.row(9, label("自动得分", .14f), value(points(c.automaticPoints()), .1f), label("评审评分", .14f),
                value(reviews.isEmpty() ? "无" : String.join("\n", reviews), .42f), label("最终得分", .1f),
                value(points(c.finalPoints()), .1f));
        if (!c.flags().isEmpty()) {
            pdf.row(9, label("提示", .14f), value(String.join("；", c.flags().stream()
                    .map(f -> message("doc.flag." + f.name(), f.name())).sorted().toList()), .86f));
        }
    }

    private String evidence(Map<String, Object> read) {
        if (read == null || read.isEmpty()) {
            return "—";
        }
        List<String> lines = new ArrayList<>();
        read.forEach((fact, v) -> lines.add(message("fact." + fact, fact) + "：" + answer(fact, v)));
        return String.join("\n", lines);
    }

    private String answer(String fact, Object v) {
        if (v == null) {
            return "未填写";
        }
        if (v instanceof Boolean b) {
            return b ? "是" : "否";
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Collection<?> codes) {
            return codes.isEmpty() ? "无" : String.join("、", codes.stream()
                    .map(code -> message("fact." + fact + "." + code, String.valueOf(code))).toList());
        }
        return String.valueOf(v);
    }

    private static BigDecimal baseMax(ScoreResult s) {
        return s.criteria().stream().filter(c -> !c.bonus()).map(CriterionScore::max)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<String> footer(ScoreSheet sheet, Instant printedAt) {
        String result = sheet.result() == null ? "无评分结果" : "结果版本 " + sheet.result().resultVersion() + " · 评分标准 "
                + sheet.result().score().rubricId() + " 第 " + sheet.result().score().rubricVersion() + " 版";
        return List.of("申报编号 " + sheet.applicationId() + " · 申报版本 " + sheet.applicationVersion() + " · " + result,
                "打印于 " + minute(printedAt));
    }

    static String points(BigDecimal p) {
        return p == null ? "—" : p.stripTrailingZeros().toPlainString();
    }

    static String minute(Instant at) {
        return at == null ? "—" : MINUTE.format(at.atZone(BEIJING)) + "（北京时间）";
    }

    private String message(String code, String fallback) {
        try {
            return messages.getMessage(code, null, Locale.SIMPLIFIED_CHINESE);
        } catch (NoSuchMessageException e) {
            return fallback;
        }
    }
}
