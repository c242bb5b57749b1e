package org.tsbase.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running part of the stack: its OS process, where it logs, and how to stop it. */
final class ManagedProcess {
    private final Part part;
    private final Process process;
    private final Path logFile;
    private final Instant started;
    private volatile Duration readyAfter;

    ManagedProcess(Part part, Process process, Path logFile, Instant started) {
        this.part = part;
        this.process = process;
        this.logFile = logFile;
        this.started = started;
    }

    Part part() {
        return part;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    Instant started() {
        return started;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void markReady(Instant now) {
        readyAfter = Duration.between(started, now);
    }

    Duration readyAfter() {
        return readyAfter;
    }

    /** Sends SIGTERM; see {@link #awaitStop(Duration)}. Remembers the children first, to stop them too. */
    List<ProcessHandle> requestStop() {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        return children;
    }

    /** Waits up to {@code grace} for a requested stop, then kills the process and whatever it started. */
    boolean awaitStop(Duration grace, List<ProcessHandle> children) {
        boolean graceful = waitFor(grace);
        if (!graceful) {
            children.addAll(process.descendants().toList());
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        return graceful;
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The last {@code lines} lines of the log (reading at most the last 64 KiB). */
    String logTail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 65536);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
