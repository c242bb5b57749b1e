package org.tsbase.embeddedmongo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an open store from filling its file with dead pages. Every write commits a chunk (acknowledged means on disk),
 * and a chunk keeps its space while any page in it is live: a seeding run leaves the file mostly dead chunks. While less
 * than {@value #BELOW_LIVE_PERCENT} % of the chunk space is live, each round rewrites the live pages of at most
 * {@code roundBytes} of the sparsest, oldest chunks (H2's {@link MVStore#compact(int, int)}: no chunk is moved) and
 * commits, so the old chunks are freed (once dead for MVStore's retention time, 45 s). A round holds the store lock
 * (writers' commits wait for it), hence small rounds: while writes go on, one a second or after nine times its own
 * length, whichever is later, until the file passes half of the store's limit ({@link #pauseUnderWrites}); rounds
 * of 2 MiB every second held the lock about half of the time at 100,000 applications, and the intake fell to a
 * third. Back to back while none do (the store converges once the load
 * stops, then costs nothing: the check reads the in-memory chunk table only).
 */
final class Compactor implements AutoCloseable {

    static final int BELOW_LIVE_PERCENT = 50;

    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final MVStore store;
    private final int roundBytes;
    private final Duration busyPause;
    /** The file size past which writes are refused ({@link StoreLimits#maxStoreBytes()}). */
    private final long limitBytes;
    private final Duration quietPause;
    private final Duration idlePause;
    private final ScheduledExecutorService executor;
    private final org.h2.mvstore.MVMap<String, Long> ticks;

    private long versionAfterRound = -1;
    private boolean working;
    private long workStarted;
    private long rounds;
    private long lastLog;

    Compactor(MVStore store, int roundBytes, Duration busyPause, Duration quietPause, Duration idlePause,
            long limitBytes) {
        this.store = store;
        this.roundBytes = roundBytes;
        this.busyPause = busyPause;
        this.limitBytes = limitBytes;
        this.quietPause = quietPause;
        this.idlePause = idlePause;
        this.ticks = store.openMap("tsbase.compactor");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mvstore-compactor");
            t.setDaemon(true);
            return t;
        });
    }

    static Compactor start(MVStore store, long limitBytes) {
        Compactor compactor = new Compactor(store, 512 << 10, Duration.ofSeconds(1), Duration.ofMillis(50),
                Duration.ofSeconds(5), limitBytes);
        compactor.schedule(compactor.idlePause);
        return compactor;
    }

    void schedule(Duration pause) {
        if (!executor.isShutdown()) {
            executor.schedule(this::round, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the last round found the store sparse and is still working on it. */
    synchronized boolean working() {
        return working;
    }

    private synchronized void round() {
        Duration pause = idlePause;
        try {
            if (store.isClosed()) {
                return;
            }
            int live = store.getFileStore().getChunksFillRate();
            if (live < BELOW_LIVE_PERCENT) {
                if (!working) {
                    working = true;
                    workStarted = System.nanoTime();
                    rounds = 0;
                    lastLog = workStarted;
                    log.info("store {} MiB, chunks {}% live: rewriting the live pages of sparse chunks",
                            store.getFileStore().size() >> 20, live);
                }
                boolean quiet = store.getCurrentVersion() == versionAfterRound;
                long started = System.nanoTime();
                // false also when a writer held the store lock (MVStore tries it for 10 ms): tried again shortly
                boolean rewrote = store.compact(BELOW_LIVE_PERCENT + 10, roundBytes);
                if (rewrote) {
                    rounds++;
                }
                // a commit every round, also with nothing rewritten: MVStore counts a page as dead and frees a dead
                // chunk only in a later commit (versions to keep, retention time), so a store nobody writes to would
                // keep its dead chunks, never reach half live, and re-read the same moved pages every round
                ticks.put("tick", ticks.getOrDefault("tick", 0L) + 1);
                store.commit();
                versionAfterRound = store.getCurrentVersion();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                // nothing rewritten (no chunk old enough, or a writer held the lock): look again in a second
                pause = !rewrote ? busyPause : quiet ? quietPause
                        : pauseUnderWrites(took, busyPause, store.getFileStore().size(), limitBytes);
                if (System.nanoTime() - lastLog > TimeUnit.MINUTES.toNanos(1)) {
                    lastLog = System.nanoTime();
                    log.info("store {} MiB, chunks {}% live: {} rounds of rewriting so far",
                            store.getFileStore().size() >> 20, store.getFileStore().getChunksFillRate(), rounds);
                }
            } else if (working) {
                working = false;
                log.info("store {} MiB, chunks {}% live after {} rounds in {} s: rewriting paused",
                        store.getFileStore().size() >> 20, live, rounds,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - workStarted));
            }
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                log.warn("rewriting sparse chunks failed; tried again in {} s", idlePause.toSeconds(), e);
            }
        } finally {
            if (!store.isClosed()) {
                schedule(pause);
            }
        }
    }

    /**
     * A round held the store lock (reading and rewriting pages), so while writes go on the compactor pauses nine times
     * as long (at least {@code atLeast}): writers wait for it a tenth of the time at most. But under a long burst that
     * frees less than the writes make garbage (1.1 → 6.2 GiB in 20 minutes at 100,000 applications), and at the limit
     * writes are refused: past half of the limit the compactor takes half of the lock, past three quarters all it can.
     */
    static Duration pauseUnderWrites(Duration took, Duration atLeast, long fileBytes, long limitBytes) {
        if (fileBytes >= limitBytes / 4 * 3) {
            return Duration.ZERO;
        }
        if (fileBytes >= limitBytes / 2) {
            return took;
        }
        Duration share = took.multipliedBy(9);
        return share.compareTo(atLeast) > 0 ? share : atLeast;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
