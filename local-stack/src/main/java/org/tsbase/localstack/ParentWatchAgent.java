package org.tsbase.localstack;

import java.time.Duration;
import java.util.Optional;

/**
 * Makes a child process exit when the launcher that started it is gone, however it died. Loaded as a java agent
 * ({@code -javaagent:local-stack.jar=parentPid=<pid>[,ignoreSigint]}) into every process of the stack, so that it
 * works for any main class, the services' executable jars included.
 *
 * <p>{@code ignoreSigint} is for the infrastructure: a Ctrl-C in the terminal reaches the whole process group, but
 * Kafka and MongoDB have to outlive the services, so the launcher stops them itself (with SIGTERM) once the services
 * are down.
 */
public final class ParentWatchAgent {
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    private ParentWatchAgent() {
    }

    public static void premain(String arguments) {
        long parentPid = -1;
        boolean ignoreSigint = false;
        if (arguments != null) {
            for (String argument : arguments.split(",")) {
                String item = argument.trim();
                if (item.startsWith("parentPid=")) {
                    parentPid = Long.parseLong(item.substring("parentPid=".length()));
                } else if (item.equals("ignoreSigint")) {
                    ignoreSigint = true;
                }
            }
        }
        if (ignoreSigint) {
            ignoreSigint();
        }
        if (parentPid > 0) {
            watch(parentPid);
        }
    }

    public static void agentmain(String arguments) {
        premain(arguments);
    }

    /** Starts a daemon thread that exits the JVM (running its shutdown hooks) once {@code parentPid} is gone. */
    public static void watch(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Thread watcher = new Thread(() -> {
            // ProcessHandle.isAlive compares the start time too, so a reused pid does not count as the parent
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("[tsbase] the launcher (pid " + parentPid + ") is gone: shutting down");
            Thread limit = new Thread(() -> {
                try {
                    Thread.sleep(SHUTDOWN_LIMIT.toMillis());
                } catch (InterruptedException ignored) {
                    // halt anyway
                }
                Runtime.getRuntime().halt(1);
            }, "tsbase-shutdown-limit");
            limit.setDaemon(true);
            limit.start();
            System.exit(0);
        }, "tsbase-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    @SuppressWarnings("restriction")
    private static void ignoreSigint() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (RuntimeException | LinkageError e) {
            // no such signal here (Windows): the launcher stops us explicitly anyway
        }
    }
}
