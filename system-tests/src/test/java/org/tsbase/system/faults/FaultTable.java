package org.tsbase.system.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One row per fault, printed and written to {@code target/faults/fault-table.md} as each fault ends. */
final class FaultTable {

    /**
     * @param requests   HTTP requests the load sent through the gateway (retries and read-backs included)
     * @param failed     of those, answered 4xx/5xx or not at all
     * @param applicants applicants who arrived (each: contact, create, submit)
     * @param acknowledged applicants whose submission the system acknowledged (2xx, at once or after a safe retry)
     * @param safeRetries steps found done by reading back after a failed request
     * @param refused    applicants who gave up on a visible refusal (nothing may be left of the refused step)
     * @param lost       acknowledged but missing, or not scored or mailed, once quiet
     * @param duplicated a contact, application, score or mail more than once
     * @param leftBehind something of a refused step was stored or sent
     * @param invisible  failures without a problem+json body
     * @param recovered  from the fault's start until a submission made after the repair was scored and mailed
     * @param quiet      from the fault's start until everything acknowledged was scored and mailed
     */
    record Row(String fault, long requests, long failed, int applicants, long acknowledged, long safeRetries,
               long refused, long lost, long duplicated, long leftBehind, long invisible, Duration recovered,
               Duration quiet) {
    }

    static final String HEADER = "| fault | requests sent | failed (visible) | applicants | acknowledged | safe retries"
            + " | refused | lost | duplicated | left behind | time to recover | quiet after |";
    static final String RULE = "|---|---|---|---|---|---|---|---|---|---|---|---|";

    private final Path file;
    private final List<Row> rows = new ArrayList<>();

    FaultTable(Path file) {
        this.file = file;
    }

    synchronized void add(Row row) {
        rows.add(row);
        write();
        System.out.println(HEADER);
        System.out.println(line(row));
    }

    static String line(Row r) {
        return "| " + r.fault() + " | " + r.requests() + " | " + r.failed() + (r.invisible() > 0 ? " (" + r.invisible()
                + " without problem)" : "") + " | " + r.applicants() + " | " + r.acknowledged() + " | "
                + r.safeRetries() + " | " + r.refused() + " | " + r.lost() + " | " + r.duplicated() + " | "
                + r.leftBehind() + " | " + seconds(r.recovered()) + " | " + seconds(r.quiet()) + " |";
    }

    private static String seconds(Duration d) {
        return d == null ? "not within the wait" : String.format("%.0f s", d.toMillis() / 1000.0);
    }

    /** Rewrites the file: the rows of earlier runs for other faults stay (one fault can be rerun alone). */
    private void write() {
        java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
        try {
            if (Files.exists(file)) {
                for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (l.startsWith("| ") && !l.equals(HEADER)) {
                        lines.put(l.substring(2, l.indexOf(" |")), l);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.forEach(r -> lines.put(r.fault(), line(r)));
        StringBuilder md = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
        lines.values().forEach(l -> md.append(l).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
