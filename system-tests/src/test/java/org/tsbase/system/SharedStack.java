package org.tsbase.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tsbase.localstack.LocalStack;
import org.tsbase.localstack.StackConfig;

/**
 * One stack for every system-test class of a run (each start costs more than a minute of CI): started by the first
 * class that needs it, stopped when the whole run ends. With {@code -Dtsbase.system.attach=DIR} the tests use the
 * stack already running from {@code ./tsbase up --free-ports --data-dir DIR} instead (for working on the tests);
 * such a stack cannot be restarted by a test.
 */
public final class SharedStack implements BeforeAllCallback {

    static final String ATTACH_PROPERTY = "tsbase.system.attach";

    private static LocalStack started;
    private static SystemStack current;
    private static Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root store closes its AutoCloseable values when the whole run is over
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedStack.class, k -> open(), Closer.class);
    }

    private static synchronized Closer open() {
        String attach = System.getProperty(ATTACH_PROPERTY);
        if (attach != null && !attach.isBlank()) {
            current = SystemStack.attach(Path.of(attach));
            return new Closer();
        }
        dataDir = Path.of("target", "system-stack").toAbsolutePath();
        deleteTree(dataDir);
        startLocal();
        return new Closer();
    }

    private static void startLocal() {
        started = LocalStack.start(StackConfig.builder()
                .projectRoot(projectRoot())
                .dataDir(dataDir)
                .freePorts()
                .seedDemoData(true)
                .build());
        current = SystemStack.of(started);
    }

    /** The stack of this run. */
    static synchronized SystemStack get() {
        if (current == null) {
            throw new IllegalStateException("@ExtendWith(SharedStack.class) is missing");
        }
        return current;
    }

    /** The stack as {@link LocalStack}, for tests that stop or restart parts of it. */
    static synchronized LocalStack local() {
        if (started == null) {
            throw new IllegalStateException("this run uses a stack started elsewhere (" + ATTACH_PROPERTY + ")");
        }
        return started;
    }

    static boolean attached() {
        return System.getProperty(ATTACH_PROPERTY) != null;
    }

    /** Stops the whole stack and starts it again on the same data (ports may change). */
    static synchronized SystemStack restart() {
        local().close();
        startLocal();
        return current;
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tsbase"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Closer implements AutoCloseable {
        @Override
        public void close() {
            synchronized (SharedStack.class) {
                if (started != null) {
                    started.close();
                    started = null;
                }
                current = null;
            }
        }
    }
}
