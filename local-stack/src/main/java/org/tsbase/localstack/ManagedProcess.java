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

/**
 * One running process of the stack: its part, its name (the part's id, or {@code scoring-service-2} for a second
 * instance of a service), its OS process, where it logs, and how to stop, kill, freeze and continue it.
 */
final class ManagedProcess {
    private final Part part;
    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final Instant started;
    private volatile Duration readyAfter;
    private volatile boolean frozen;

    ManagedProcess(Part part, Process process, Path logFile, Instant started) {
        this(part, part.id(), -1, process, logFile, started);
    }

    ManagedProcess(Part part, String name, int port, Process process, Path logFile, Instant started) {
        this.part = part;
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.started = started;
    }

    Part part() {
        return part;
    }

    /** The part's id for the first process of a part, else {@code <id>-<n>}. */
    String name() {
        return name;
    }

    /** The HTTP port of an additional instance of a service; -1 for a part's own process (see its config). */
    int port() {
        return port;
    }

    boolean frozen() {
        return frozen;
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

    /** The exit code of a process that ended (137 after SIGKILL, as a shell shows it), or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
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
        if (frozen) {
            // a stopped process acts on SIGTERM only once it runs again
            signal("CONT");
        }
        return children;
    }

    /**
     * SIGKILL at once, as a crash or the OOM killer would: no shutdown hook runs, nothing is flushed. Waits until the
     * process is gone; its children (none for the parts of this stack) are killed too.
     */
    void kill() {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process keeps its ports and connections but runs no more, as a machine that hangs. */
    void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** SIGCONT: a frozen process runs on. */
    void thaw() {
        signal("CONT");
        frozen = false;
    }

    /** Sends {@code SIG<name>} with {@code kill(1)}: {@link ProcessHandle} knows only TERM and KILL. */
    private void signal(String name) {
        if (PartCommands.isWindows()) {
            throw new UnsupportedOperationException("SIG" + name + " needs a POSIX system");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + name, e);
        }
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
