package org.tsbase.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one font of every printed document: a TrueType font with Chinese glyphs, embedded as a subset of the glyphs a
 * document uses ({@link PDType0Font#load(PDDocument, InputStream, boolean)}). The bundled
 * one is Noto Sans SC Regular (SIL Open Font License 1.1) cut down to ASCII, CJK punctuation and GB 2312 by
 * {@code document-support/fonts/make-subset.sh}; an operator who prints rarer characters can point the services at a
 * full TrueType font instead. Immutable: the font's bytes are parsed anew for each document.
 */
public final class CjkFont {

    /** Where the bundled font lies on the class path. */
    public static final String BUNDLED = "/org/tsbase/documents/fonts/NotoSansSC-Regular-subset.ttf";

    /** What a character the font lacks prints as (in GB 2312, so in every font this class accepts). */
    public static final String MISSING = "□";

    private final byte[] bytes;
    private final BitSet covered;

    private CjkFont(byte[] bytes) {
        this.bytes = bytes;
        this.covered = coverage(bytes);
        if (!covered.get('□') || !covered.get('中')) {
            throw new IllegalArgumentException("the font has no Chinese glyphs");
        }
    }

    /** The font shipped with TS-Base. */
    public static CjkFont bundled() {
        try (InputStream in = CjkFont.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the class path: " + BUNDLED);
            }
            return new CjkFont(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TrueType font (glyf outlines) from a file, e.g. a full Noto Sans SC. */
    public static CjkFont of(Path ttf) {
        try {
            return new CjkFont(Files.readAllBytes(ttf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The font for one document; only the glyphs the document shows are embedded when it is saved. */
    public PDType0Font load(PDDocument document) throws IOException {
        return PDType0Font.load(document, new java.io.ByteArrayInputStream(bytes), true);
    }

    /** Whether the font has a glyph for the code point. */
    public boolean covers(int codePoint) {
        return codePoint >= 0 && codePoint < covered.size() && covered.get(codePoint);
    }

    /**
     * The text with every character the font lacks replaced by {@value #MISSING}, line breaks kept and other control
     * characters dropped; null becomes "".
     */
    public String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp) || cp == '\r') {
                // dropped
            } else if (covers(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(MISSING);
            }
        });
        return out.toString();
    }

    private static BitSet coverage(byte[] bytes) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            BitSet set = new BitSet(0x10000);
            for (int cp = 0x20; cp < 0x10000; cp++) {
                if (cmap.getGlyphId(cp) > 0) {
                    set.set(cp);
                }
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("not a TrueType font", e);
        }
    }
}
