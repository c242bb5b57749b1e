package org.tsbase.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherFilesTest {
    @TempDir
    Path target;
    @TempDir
    Path runtime;

    private void built(String file, String content) throws Exception {
        Path path = target.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2026-11-26T08:00:00Z")));
    }

    @Test
    void theStackRunsFromACopyThatFollowsTheBuild() throws Exception {
        built("local-stack.jar", "launcher v1");
        built("lib/kafka.jar", "kafka");
        built("lib/old.jar", "old");
        built("greenmail/greenmail-standalone.jar", "mail");

        LauncherFiles copy = new LauncherFiles(target).syncTo(runtime);

        assertThat(copy.jar()).hasContent("launcher v1");
        assertThat(copy.lib().resolve("kafka.jar")).hasContent("kafka");
        assertThat(copy.greenMailJar()).hasContent("mail");

        // the build replaces the launcher and drops a library; a running process keeps what it has open
        Files.delete(target.resolve("lib/old.jar"));
        built("local-stack.jar", "launcher v2");
        Files.setLastModifiedTime(target.resolve("local-stack.jar"), FileTime.from(Instant.parse("2026-11-26T09:00:00Z")));
        new LauncherFiles(target).syncTo(runtime);

        assertThat(copy.jar()).hasContent("launcher v2");
        assertThat(copy.lib().resolve("old.jar")).doesNotExist();
        assertThat(copy.lib().resolve("kafka.jar")).hasContent("kafka");
    }

    @Test
    void onlyWhatAStartNeedsIsRequired() {
        LauncherFiles files = new LauncherFiles(target);

        assertThat(files.required(false, false)).containsExactly(files.jar());
        assertThat(files.required(true, true)).containsExactly(files.jar(), files.lib(), files.greenMailJar());
    }
}
