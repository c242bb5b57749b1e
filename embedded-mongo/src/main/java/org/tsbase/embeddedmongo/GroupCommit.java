package org.tsbase.embeddedmongo;

import java.util.Map;
import java.util.WeakHashMap;
import org.h2.mvstore.MVStore;

/**
 * Commits for many writers at once. A write command is answered only once a commit that started after its change is in
 * the file; instead of every writer committing in turn (each taking the store lock, most finding nothing left to
 * write), one writer commits whatever is pending and the others that finished before it started are done with it,
 * while those that finish during it wait for the next one. Under load this makes one chunk per group of writes
 * rather than one per write (less file written, less garbage to compact), and the store lock is held by one commit at
 * a time, so the compactor's short try for it succeeds: with 32 wire-protocol workers all queueing on the lock, it
 * got no turn for minutes and the file grew by 120 KiB per application.
 */
final class GroupCommit {

    private static final Map<MVStore, GroupCommit> BY_STORE = new WeakHashMap<>();

    private final MVStore store;
    /** Writes that finished, numbered in order. */
    private long finished;
    /** Every write numbered up to this is in a commit that completed. */
    private long committed;
    private boolean committing;
    private long commits;

    private GroupCommit(MVStore store) {
        this.store = store;
    }

    static synchronized GroupCommit of(MVStore store) {
        return BY_STORE.computeIfAbsent(store, GroupCommit::new);
    }

    /** Returns once the caller's finished change is committed (by this thread or another). */
    void commitFinishedWrite() {
        long mine;
        synchronized (this) {
            mine = ++finished;
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (committing && committed < mine) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a commit", e);
                    }
                }
                if (committed >= mine) {
                    return;
                }
                committing = true;
                upTo = finished; // every write numbered so far changed the store before this commit starts
            }
            boolean ok = false;
            try {
                store.commit();
                // MVStore's commit returns quietly, writing nothing, once the store is closed (closeImmediately on a
                // failure): then nobody waiting may be answered
                if (store.isClosed()) {
                    throw new IllegalStateException("the store was closed before this commit was written");
                }
                ok = true;
            } finally {
                synchronized (this) {
                    committing = false;
                    if (ok) {
                        committed = Math.max(committed, upTo);
                        commits++;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** Commits made for writers so far (each covering one or more writes). */
    synchronized long commits() {
        return commits;
    }

    synchronized long writes() {
        return finished;
    }
}
