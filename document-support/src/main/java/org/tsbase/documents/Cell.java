package org.tsbase.documents;

/**
 * One cell of a table row.
 *
 * @param width a share of the row's width (the shares of a row add up to 1)
 * @param label a label cell: shaded, centred, in bold
 */
public record Cell(String text, float width, boolean label) {

    public static Cell label(String text, float width) {
        return new Cell(text, width, true);
    }

    public static Cell value(String text, float width) {
        return new Cell(text, width, false);
    }
}
