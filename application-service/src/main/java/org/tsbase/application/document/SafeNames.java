package org.tsbase.application.document;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Names of entries in a ZIP that Windows and macOS both accept and that cannot leave their folder: no path
 * separators, none of {@code <>:"|?*}, no control or invisible format characters, no trailing dot or space, no
 * reserved device name (CON, NUL, COM1 ...), NFC, at most a given length. Chinese stays as it is (ZIP entries are
 * written with the UTF-8 flag). See attachment/FileNames for the names as uploaded.
 */
final class SafeNames {

    private static final String FORBIDDEN = "<>:\"/\\|?*";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    private SafeNames() {
    }

    /** One path segment (a folder or file name), at most {@code max} characters; "_" when nothing is left. */
    static String segment(String name, int max) {
        String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        n.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || FORBIDDEN.indexOf(c) >= 0) {
                sb.append('_');
            } else if (Character.isWhitespace(c)) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        });
        String s = sb.toString().strip();
        if (s.codePointCount(0, s.length()) > max) {
            s = s.substring(0, s.offsetByCodePoints(0, max));
        }
        s = s.replaceAll("[. ]+$", "");
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) {
            return "_";
        }
        String stem = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
            s = "_" + s;
        }
        return s;
    }

    /** A file name keeping its extension when shortened. */
    static String file(String name, int max) {
        String s = segment(name, Integer.MAX_VALUE);
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
        String stem = ext.isEmpty() ? s : s.substring(0, dot);
        int room = Math.max(1, max - ext.length());
        if (stem.codePointCount(0, stem.length()) > room) {
            stem = stem.substring(0, stem.offsetByCodePoints(0, room));
        }
        return segment(stem + ext, max);
    }
}
