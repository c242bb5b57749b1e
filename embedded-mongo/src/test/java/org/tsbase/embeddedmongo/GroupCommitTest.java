package org.tsbase.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers share commits, and every write answered is in the file when the process dies right after. */
class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void everyAnsweredWriteSurvivesACrashAndWritersShareCommits() throws Exception {
        String file = dir.resolve("g.mv").toString();
        int writers = 16;
        Queue<String> acked = new ConcurrentLinkedQueue<>();
        MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
        MVMap<String, Integer> map = store.openMap("m");
        GroupCommit group = GroupCommit.of(store);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            work.add(pool.submit(() -> {
                try {
                    for (int i = 0; ; i++) {
                        map.put(writer + "-" + i, i);
                        group.commitFinishedWrite();
                        acked.add(writer + "-" + i); // answered: must be in the file from here on
                    }
                } catch (RuntimeException stopped) {
                    return null; // the store went away under the writer: that write was not answered
                }
            }));
        }
        while (acked.size() < 3_000) {
            Thread.sleep(5);
        }
        store.closeImmediately(); // as a kill -9: nothing more is written
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertThat(group.commits()).as("concurrent writers share commits").isLessThan(group.writes());
        try (MVStore reopened = new MVStore.Builder().fileName(file).readOnly().open()) {
            MVMap<String, Integer> stored = reopened.openMap("m");
            assertThat(acked).as("every answered write is in the file").allSatisfy(k -> assertThat(stored.containsKey(k))
                    .as(k).isTrue());
        }
    }
}
