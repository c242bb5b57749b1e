package org.tsbase.application.document;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.tsbase.application.form.Evidence;

/**
 * The evidence answers of a form as lines of label and answer, in the order of the form's record (the order of the
 * standards' criteria): a nested record gives a line per field, a list of choices one line of their names, a list of
 * dated records (trainings, inspections, events) one numbered line per record.
 */
final class EvidenceLines {

    record Line(String path, String label, String answer) {
    }

    private EvidenceLines() {
    }

    static List<Line> of(Evidence evidence, FormText text) {
        List<Line> lines = new ArrayList<>();
        if (evidence != null) {
            walk((Record) evidence, "evidence", text, lines);
        }
        return lines;
    }

    private static void walk(Record record, String prefix, FormText text, List<Line> lines) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String path = prefix + "." + c.getName();
            Object value = read(c, record);
            if (value instanceof Record nested) {
                walk(nested, path, text, lines);
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append('\n');
                    }
                    sb.append(i + 1).append(". ");
                    Record element = (Record) list.get(i);
                    List<String> parts = new ArrayList<>();
                    for (RecordComponent e : element.getClass().getRecordComponents()) {
                        parts.add(text.label(path + "." + e.getName()) + "：" + text.answer(read(e, element)));
                    }
                    sb.append(String.join("；", parts));
                }
                lines.add(new Line(path, text.label(path) + "（共 " + list.size() + " 条）", sb.toString()));
            } else if (value instanceof List<?> list && !list.isEmpty()) {
                lines.add(new Line(path, text.label(path),
                        String.join("、", list.stream().map(text::answer).toList())));
            } else if (value == null && isRecordType(c.getType())) {
                lines.add(new Line(path, text.label(path), FormText.BLANK));
            } else {
                lines.add(new Line(path, text.label(path), text.answer(value)));
            }
        }
    }

    private static boolean isRecordType(Class<?> type) {
        return type.isRecord();
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
