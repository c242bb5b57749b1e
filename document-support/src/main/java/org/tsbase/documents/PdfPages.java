package org.tsbase.documents;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * A printed document of A4 pages written top to bottom: titles, headings, paragraphs and tables whose rows break
 * across pages, then on every page a footer, the page number and, for drafts, a watermark.
 *
 * <p>Hand-written on PDFBox's drawing primitives because PDFBox has no layout of its own and the layout libraries
 * (openhtmltopdf and the like) would bring an HTML engine and a second font path for what is a few ruled tables.
 * Not thread-safe: one instance per document.
 */
public final class PdfPages implements AutoCloseable {

    public static final float BODY = 10.5f;

    private static final PDRectangle SIZE = PDRectangle.A4;
    private static final float MARGIN_X = 50;
    private static final float MARGIN_TOP = 56;
    private static final float MARGIN_BOTTOM = 64;
    private static final float PAD = 4;
    private static final float MIN_ROW = 22;
    private static final Color SHADE = new Color(0xEE, 0xEE, 0xEE);

    private final CjkFont cjk;
    private final PDDocument document = new PDDocument();
    private final PDType0Font font;
    private PDPageContentStream content;
    private float y;

    public PdfPages(CjkFont cjk, String title, String subject, Calendar created) {
        this.cjk = cjk;
        try {
            this.font = cjk.load(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setCreator("TS-Base");
        info.setProducer("TS-Base (Apache PDFBox)");
        info.setCreationDate(created);
        newPage();
    }

    /** The current time in Beijing, as a document's creation date. */
    public static Calendar beijing(java.time.Instant at) {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("Asia/Shanghai"));
        c.setTimeInMillis(at.toEpochMilli());
        return c;
    }

    private float width() {
        return SIZE.getWidth() - 2 * MARGIN_X;
    }

    private void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(SIZE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = SIZE.getHeight() - MARGIN_TOP;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float room() {
        return y - MARGIN_BOTTOM;
    }

    /** A centred title in large bold type. */
    public PdfPages title(String text, float size) {
        for (String line : wrap(cjk.printable(text), size, width())) {
            ensure(size * 1.5f);
            float w = textWidth(line, size);
            y -= size * 1.2f;
            write(line, MARGIN_X + (width() - w) / 2, y, size, true, Color.BLACK);
            y -= size * 0.3f;
        }
        return this;
    }

    /** A line of small text, centred. */
    public PdfPages centred(String text, float size) {
        for (String line : wrap(cjk.printable(text), size, width())) {
            ensure(size * 1.5f);
            y -= size * 1.3f;
            write(line, MARGIN_X + (width() - textWidth(line, size)) / 2, y, size, false, Color.DARK_GRAY);
        }
        return this;
    }

    /** A bold heading of a section, kept on the page with at least one row after it. */
    public PdfPages heading(String text) {
        float size = 12;
        ensure(size * 2 + MIN_ROW * 2);
        y -= size * 1.6f;
        write(cjk.printable(text), MARGIN_X, y, size, true, Color.BLACK);
        y -= size * 0.5f;
        return this;
    }

    /** Wrapped text across the page's width. */
    public PdfPages paragraph(String text, float size) {
        float leading = size * 1.5f;
        for (String line : wrap(cjk.printable(text), size, width())) {
            ensure(leading);
            y -= leading;
            write(line, MARGIN_X, y + size * 0.3f, size, false, Color.BLACK);
        }
        return this;
    }

    public PdfPages gap(float points) {
        y -= Math.min(points, room());
        return this;
    }

    /**
     * One ruled row of a table. A row that does not fit on the rest of the page goes to the next; a row taller than a
     * page (a long 工作开展情况) is split between pages line by line, its label repeated with "（续）".
     */
    public PdfPages row(Cell... cells) {
        return row(BODY, cells);
    }

    public PdfPages row(float size, Cell... cells) {
        float leading = size * 1.45f;
        List<List<String>> lines = new ArrayList<>();
        float[] widths = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            widths[i] = cells[i].width() * width();
            lines.add(wrap(cjk.printable(cells[i].text()), size, widths[i] - 2 * PAD));
        }
        while (true) {
            int most = lines.stream().mapToInt(List::size).max().orElse(1);
            float height = Math.max(MIN_ROW, most * leading + 2 * PAD);
            if (height > room()) {
                float fresh = SIZE.getHeight() - MARGIN_TOP - MARGIN_BOTTOM;
                int fit = (int) ((room() - 2 * PAD) / leading);
                if (height <= fresh || fit < 3) {
                    newPage();
                    continue;
                }
                // split: what fits here, the rest on the next page
                List<List<String>> now = new ArrayList<>();
                List<List<String>> later = new ArrayList<>();
                for (int i = 0; i < cells.length; i++) {
                    List<String> l = lines.get(i);
                    boolean keepLabel = cells[i].label();
                    now.add(keepLabel ? l : l.subList(0, Math.min(fit, l.size())));
                    later.add(keepLabel ? withContinued(l) : l.subList(Math.min(fit, l.size()), l.size()));
                }
                drawRow(cells, widths, now, size, leading, fit * leading + 2 * PAD);
                newPage();
                lines = later;
                continue;
            }
            drawRow(cells, widths, lines, size, leading, height);
            return this;
        }
    }

    private static List<String> withContinued(List<String> label) {
        if (!label.isEmpty() && label.get(label.size() - 1).endsWith("（续）")) {
            return label;
        }
        List<String> l = new ArrayList<>(label);
        l.add("（续）");
        return l;
    }

    private void drawRow(Cell[] cells, float[] widths, List<List<String>> lines, float size, float leading,
            float height) {
        try {
            float x = MARGIN_X;
            float top = y;
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].label()) {
                    content.setNonStrokingColor(SHADE);
                    content.addRect(x, top - height, widths[i], height);
                    content.fill();
                }
                content.setStrokingColor(Color.BLACK);
                content.setLineWidth(0.6f);
                content.addRect(x, top - height, widths[i], height);
                content.stroke();
                List<String> cellLines = lines.get(i);
                float textHeight = cellLines.size() * leading;
                float ty = cells[i].label() || cellLines.size() <= 1
                        ? top - (height - textHeight) / 2
                        : top - PAD;
                for (String line : cellLines) {
                    ty -= leading;
                    float tx = cells[i].label() ? x + (widths[i] - textWidth(line, size)) / 2 : x + PAD;
                    write(line, tx, ty + (leading - size) / 2 + size * 0.15f, size, cells[i].label(), Color.BLACK);
                }
                x += widths[i];
            }
            y -= height;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensure(float needed) {
        if (room() < needed) {
            newPage();
        }
    }

    private void write(String text, float x, float baseline, float size, boolean bold, Color color) {
        if (text.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(color);
            if (bold) {
                // the bundled font has one weight: bold is its outline stroked as well as filled
                content.setRenderingMode(RenderingMode.FILL_STROKE);
                content.setStrokingColor(color);
                content.setLineWidth(size / 30);
            } else {
                content.setRenderingMode(RenderingMode.FILL);
            }
            content.newLineAtOffset(x, baseline);
            content.showText(text);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float textWidth(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of at most {@code width} points: breaks at line breaks, before a word that would not fit, or anywhere in CJK text. */
    List<String> wrap(String text, float size, float width) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float used = 0;
            int lastSpace = -1;
            for (int i = 0; i < paragraph.length(); ) {
                int cp = paragraph.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                float w = textWidth(ch, size);
                if (used + w > width && line.length() > 0) {
                    if (cp != ' ' && lastSpace > 0 && lastSpace < line.length() - 1
                            && !isCjk(line.codePointBefore(line.length()))) {
                        String rest = line.substring(lastSpace + 1);
                        out.add(line.substring(0, lastSpace));
                        line.setLength(0);
                        line.append(rest);
                        used = textWidth(rest, size);
                    } else {
                        out.add(line.toString());
                        line.setLength(0);
                        used = 0;
                    }
                    lastSpace = -1;
                    if (cp == ' ') {
                        i += Character.charCount(cp);
                        continue;
                    }
                }
                if (cp == ' ') {
                    lastSpace = line.length();
                }
                line.append(ch);
                used += w;
                i += Character.charCount(cp);
            }
            out.add(line.toString());
        }
        return out;
    }

    private static boolean isCjk(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || cp >= 0x3000 && cp <= 0x303F
                || cp >= 0xFF00 && cp <= 0xFFEF;
    }

    /**
     * Writes the footer lines and "第 i 页 共 n 页" on every page, the watermark across every page if given, and
     * returns the saved document.
     */
    public byte[] finish(List<String> footer, Optional<String> watermark) {
        try {
            content.close();
            content = null;
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                PDPage page = document.getPage(i);
                try (PDPageContentStream s = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    float size = 7.5f;
                    float fy = MARGIN_BOTTOM - 18;
                    s.setStrokingColor(Color.GRAY);
                    s.setLineWidth(0.4f);
                    s.moveTo(MARGIN_X, fy + size * 1.6f);
                    s.lineTo(SIZE.getWidth() - MARGIN_X, fy + size * 1.6f);
                    s.stroke();
                    String number = "第 " + (i + 1) + " 页 共 " + pages + " 页";
                    float numberWidth = textWidth(number, size);
                    List<String> lines = new ArrayList<>();
                    for (String f : footer) {
                        lines.addAll(wrap(cjk.printable(f), size, width() - numberWidth - 12));
                    }
                    for (String line : lines) {
                        text(s, line, MARGIN_X, fy, size, Color.DARK_GRAY);
                        fy -= size * 1.4f;
                    }
                    text(s, number, SIZE.getWidth() - MARGIN_X - numberWidth, MARGIN_BOTTOM - 18, size,
                            Color.DARK_GRAY);
                    if (watermark.isPresent()) {
                        PDExtendedGraphicsState translucent = new PDExtendedGraphicsState();
                        translucent.setNonStrokingAlphaConstant(0.18f);
                        s.setGraphicsStateParameters(translucent);
                        float big = 120;
                        String mark = cjk.printable(watermark.get());
                        float w = textWidth(mark, big);
                        s.beginText();
                        s.setFont(font, big);
                        s.setNonStrokingColor(Color.RED);
                        double angle = Math.toRadians(45);
                        float cx = SIZE.getWidth() / 2;
                        float cy = SIZE.getHeight() / 2;
                        Matrix m = Matrix.getRotateInstance(angle, cx, cy);
                        m.translate(-w / 2, -big / 3);
                        s.setTextMatrix(m);
                        s.showText(mark);
                        s.endText();
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void text(PDPageContentStream s, String line, float x, float y, float size, Color color)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.setNonStrokingColor(color);
        s.newLineAtOffset(x, y);
        s.showText(line);
        s.endText();
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
