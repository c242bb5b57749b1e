package org.tsbase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The launcher's files: {@code local-stack.jar}, {@code lib/} and {@code greenmail/greenmail-standalone.jar}, as
 * the build leaves them in {@code local-stack/target}. The processes of a stack run from a copy under
 * {@code <data>/runtime}, so that a {@code mvn clean install} while the stack runs cannot pull classes from under a
 * running Kafka broker.
 */
record LauncherFiles(Path home) {
    Path jar() {
        return home.resolve("local-stack.jar");
    }

    Path lib() {
        return home.resolve("lib");
    }

    Path greenMailJar() {
        return home.resolve("greenmail").resolve("greenmail-standalone.jar");
    }

    /** Copies what changed to {@code runtime} (by size and modification time) and removes what the build removed. */
    LauncherFiles syncTo(Path runtime) {
        try {
            LauncherFiles copy = new LauncherFiles(runtime);
            Files.createDirectories(copy.lib());
            Files.createDirectories(copy.greenMailJar().getParent());
            Set<Path> wanted = new HashSet<>();
            try (Stream<Path> jars = Files.list(lib())) {
                for (Path jar : jars.filter(Files::isRegularFile).toList()) {
                    wanted.add(copyIfChanged(jar, copy.lib().resolve(jar.getFileName().toString())));
                }
            }
            try (Stream<Path> present = Files.list(copy.lib())) {
                for (Path stale : present.filter(p -> !wanted.contains(p)).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
            copyIfChanged(jar(), copy.jar());
            if (Files.exists(greenMailJar())) {
                copyIfChanged(greenMailJar(), copy.greenMailJar());
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the launcher's files to " + runtime, e);
        }
    }

    /** The files that must exist before a start, relative to nothing: for the "not built yet" message. */
    List<Path> required(boolean infrastructure, boolean mail) {
        if (!infrastructure) {
            return List.of(jar());
        }
        return mail ? List.of(jar(), lib(), greenMailJar()) : List.of(jar(), lib());
    }

    private static Path copyIfChanged(Path source, Path target) throws IOException {
        if (Files.exists(target) && Files.size(target) == Files.size(source)
                && Files.getLastModifiedTime(target).equals(Files.getLastModifiedTime(source))) {
            return target;
        }
        // a new file, renamed into place: a process still reading the old one keeps it
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
