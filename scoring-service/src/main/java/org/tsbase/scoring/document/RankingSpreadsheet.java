package org.tsbase.scoring.document;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.tsbase.events.ApplicationType;

/**
 * 推荐汇总表 as a spreadsheet (one sheet per type, header frozen, columns wide enough for Chinese, numbers as numbers)
 * or as CSV (UTF-8 with a byte order mark, so that Excel opens it in Chinese). Written row by row as the ranking is
 * read: the XLSX through POI's streaming workbook (rows beyond a window go to a temporary file), the CSV straight to
 * the response.
 */
final class RankingSpreadsheet {

    /** Header, and the width of each column in characters (a hanzi counts two). */
    static final List<String> HEADER = List.of("排名", "申报单位", "统一社会信用代码", "申报类型", "总分", "基础分", "加分",
            "是否合格", "是否拟推荐", "排序说明", "区局推荐意见", "区局意见日期", "提示", "提交时间", "评分标准", "申报编号");
    private static final int[] WIDTHS = {6, 40, 22, 10, 8, 8, 8, 10, 12, 36, 14, 14, 50, 18, 20, 38};
    static final String OPINION_NOT_HERE = "见申报表";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    interface Source {
        void rows(ApplicationType type, java.util.function.Consumer<RankingRows.Row> action);
    }

    private RankingSpreadsheet() {
    }

    static void xlsx(String callTitle, List<ApplicationType> types, Source source, Instant generatedAt,
            OutputStream out) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try {
            book.setCompressTempFiles(true);
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setWrapText(true);
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            for (ApplicationType type : types) {
                SXSSFSheet sheet = book.createSheet(type == ApplicationType.POINT ? "示范点" : "示范区");
                for (int c = 0; c < WIDTHS.length; c++) {
                    sheet.setColumnWidth(c, WIDTHS[c] * 256 + 512);
                }
                sheet.createFreezePane(0, 1);
                Row h = sheet.createRow(0);
                for (int c = 0; c < HEADER.size(); c++) {
                    Cell cell = h.createCell(c);
                    cell.setCellValue(HEADER.get(c));
                    cell.setCellStyle(header);
                }
                int[] next = {1};
                source.rows(type, r -> {
                    Row row = sheet.createRow(next[0]++);
                    row.createCell(0).setCellValue(r.rank());
                    row.createCell(1).setCellValue(r.organizationName());
                    row.createCell(2).setCellValue(r.creditCode());
                    row.createCell(3).setCellValue(typeName(r.type()));
                    number(row.createCell(4), r.total());
                    number(row.createCell(5), r.base());
                    number(row.createCell(6), r.bonus());
                    row.createCell(7).setCellValue(r.passed() ? "合格" : "不合格");
                    row.createCell(8).setCellValue(r.proposed() ? "是" : "否");
                    row.createCell(9).setCellValue(r.reason());
                    row.createCell(10).setCellValue(OPINION_NOT_HERE);
                    row.createCell(11).setCellValue(OPINION_NOT_HERE);
                    Cell flags = row.createCell(12);
                    flags.setCellValue(String.join("\n", r.flags()));
                    flags.setCellStyle(wrap);
                    row.createCell(13).setCellValue(r.submittedAt() == null ? "" : MINUTE.format(r.submittedAt()));
                    row.createCell(14).setCellValue(r.rubric());
                    row.createCell(15).setCellValue(r.applicationId());
                });
            }
            SXSSFSheet notes = book.createSheet("说明");
            notes.setColumnWidth(0, 110 * 256);
            String[] lines = {
                    "推荐汇总表：" + callTitle,
                    "生成时间：" + MINUTE.format(generatedAt) + "（北京时间），TS-Base scoring-service。",
                    "排名只含评分合格（总分不低于合格标准）的申报；“是否拟推荐”按批次推荐名额与排序规则（总分、基础分、活动开展得分、提交时间）给出。",
                    "区局推荐意见及其日期由申报服务保存，评分服务不持有：本表中为“见申报表”；批次材料包（dossier）中的申报表PDF载有意见全文、负责人和日期。",
                    "提示：示范区申报的“符合示范点标准企业数”与本批次该园区内评分合格的示范点申报数不一致时列出，供评审核实。"};
            for (int i = 0; i < lines.length; i++) {
                notes.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            book.write(out);
        } finally {
            book.close();
        }
    }

    static void csv(List<ApplicationType> types, Source source, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL);
        printer.printRecord(HEADER);
        for (ApplicationType type : types) {
            source.rows(type, r -> {
                try {
                    printer.printRecord(r.rank(), r.organizationName(), r.creditCode(), typeName(r.type()),
                            plain(r.total()), plain(r.base()), plain(r.bonus()), r.passed() ? "合格" : "不合格",
                            r.proposed() ? "是" : "否", r.reason(), OPINION_NOT_HERE, OPINION_NOT_HERE,
                            String.join("；", r.flags()),
                            r.submittedAt() == null ? "" : MINUTE.format(r.submittedAt()), r.rubric(),
                            r.applicationId());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        printer.flush();
    }

    private static void number(Cell cell, BigDecimal value) {
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    static String typeName(ApplicationType type) {
        return type == ApplicationType.POINT ? "示范点" : "示范区";
    }
}
