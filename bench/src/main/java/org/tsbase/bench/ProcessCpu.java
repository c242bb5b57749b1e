package org.tsbase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** CPU time a process used so far (user + system), from {@code /proc/<pid>/stat} (Linux; elsewhere: none). */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** Milliseconds of CPU used by {@code pid} so far. */
    static OptionalLong millis(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")), TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Fields 14 (utime) and 15 (stime), counted after the command name, which may hold spaces and parentheses. */
    static OptionalLong parseStat(String stat, long ticksPerSecond) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14 → f[11], stime field 15 → f[12]
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return OptionalLong.of(ticks * 1000 / ticksPerSecond);
    }

    static Map<String, Long> snapshot(Map<String, Long> pids) {
        Map<String, Long> m = new LinkedHashMap<>();
        pids.forEach((part, pid) -> millis(pid).ifPresent(ms -> m.put(part, ms)));
        return m;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
