package org.tsbase.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JFR recordings of running stack processes through {@code jcmd <pid> JFR.start / JFR.dump / JFR.stop}. */
final class Profiler {

    private static final String NAME = "tsbase-bench";

    private final Map<String, Long> pids;
    private final List<String> notes;

    /** {@code pids}: part → pid of the processes to record. */
    Profiler(Map<String, Long> pids, List<String> notes) {
        this.pids = pids;
        this.notes = notes;
    }

    void start() {
        pids.forEach((part, pid) -> jcmd(part, pid, "JFR.start", "name=" + NAME, "settings=profile"));
    }

    /** Dumps each recording to {@code <stem>-<part>.jfr} and stops it; returns the files written. */
    List<Path> dumpAndStop(Path stem) {
        List<Path> files = new ArrayList<>();
        pids.forEach((part, pid) -> {
            Path file = stem.resolveSibling(stem.getFileName() + "-" + part + ".jfr").toAbsolutePath();
            if (jcmd(part, pid, "JFR.dump", "name=" + NAME, "filename=" + file)) {
                files.add(file);
            }
            jcmd(part, pid, "JFR.stop", "name=" + NAME);
        });
        return files;
    }

    private boolean jcmd(String part, long pid, String... command) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            if (code != 0 || out.contains("Exception") || out.contains("Could not")) {
                notes.add("jcmd " + String.join(" ", command) + " on " + part + " failed: " + out.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            notes.add("jcmd is not available (" + e.getMessage() + "): no profile of " + part);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
