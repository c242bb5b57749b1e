package org.tsbase.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfPagesTest {

    private final CjkFont font = CjkFont.bundled();

    @Test
    void chineseTextIsWrittenWithAnEmbeddedSubsetAndCanBeReadBack() throws Exception {
        byte[] pdf;
        try (PdfPages pages = new PdfPages(font, "申报表", "test", PdfPages.beijing(Instant.EPOCH))) {
            pages.title("北京市商业秘密保护示范基地（示范点）申报表", 16)
                    .row(Cell.label("企业名称", 0.2f), Cell.value("北京石景山示范科技有限公司", 0.8f))
                    .row(Cell.label("商业秘密保护工作开展情况", 0.2f), Cell.value("培训。".repeat(2000), 0.8f));
            pdf = pages.finish(List.of("申报编号 abc · 版本 3"), Optional.of("草稿"));
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(2);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("北京市商业秘密保护示范基地（示范点）申报表", "北京石景山示范科技有限公司",
                    "申报编号 abc · 版本 3", "第 1 页 共 ", "草稿", "（续）");
            PDFont embedded = doc.getPage(0).getResources().getFont(
                    doc.getPage(0).getResources().getFontNames().iterator().next());
            // PDFBox names a subset XXXXXX+Name: only the glyphs used travel with the document
            assertThat(embedded.getName()).matches("[A-Z]{6}\\+NotoSansSC.*");
            assertThat(embedded.isEmbedded()).isTrue();
        }
        assertThat(pdf.length).isLessThan(400_000);
    }

    @Test
    void charactersTheFontLacksPrintAsABoxAndControlCharactersAreDropped() {
        assertThat(font.covers('中')).isTrue();
        assertThat(font.printable("a\u0007b\n\uD83D\uDE00c")).isEqualTo("ab\n□c");
        assertThat(font.printable(null)).isEmpty();
    }
}
