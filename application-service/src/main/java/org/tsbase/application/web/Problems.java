package org.tsbase.application.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.tsbase.support.web.ApiException;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * Collects field problems. Every message names its field: the first message argument is the field's label
 * ({@code field.<path without indexes>} in the bundles, e.g. 统一社会信用代码), resolved in the caller's language.
 */
public final class Problems {

    private final List<FieldProblem> problems = new ArrayList<>();

    public Problems add(String path, String code, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = label(path);
        System.arraycopy(args, 0, all, 1, args.length);
        problems.add(new FieldProblem(path, code, all));
        return this;
    }

    /** A problem whose message is already complete (e.g. Jackson's unknown-field message). */
    public Problems addRaw(String path, String code, Object... args) {
        problems.add(new FieldProblem(path, code, args));
        return this;
    }

    public Problems addAll(Problems other) {
        problems.addAll(other.problems);
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<FieldProblem> list() {
        return List.copyOf(problems);
    }

    public List<String> fields() {
        return problems.stream().map(FieldProblem::field).toList();
    }

    /** 400 with {@code errors[]}, when there is anything to report. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    /** The label of a field path; {@code evidence.trainings[2].date} is labelled by {@code field.evidence.trainings.date}. */
    public static DefaultMessageSourceResolvable label(String path) {
        String normalized = path.replaceAll("\\[\\d+]", "");
        return new DefaultMessageSourceResolvable(new String[] {"field." + normalized}, path);
    }
}
