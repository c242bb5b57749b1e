package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.File;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's MongoDB storage: mongo-java-server's H2 (MVStore) backend with secondary indexes and
 * index-aware queries ({@link IndexedH2Database}), so that reading one document, a page or a count costs in
 * proportion to what is read, not to what is stored.
 */
public final class IndexedH2Backend extends H2Backend {

    private final StoreLimits limits;

    private IndexedH2Backend(MVStore store, StoreLimits limits) {
        super(store);
        this.limits = limits;
    }

    /**
     * Opens (or creates) the store in {@code fileName}; {@code cacheMiB} bounds the MVStore page cache (the larger
     * part of the heap it needs), {@code null} file name for memory only (tests).
     */
    public static IndexedH2Backend open(String fileName, int cacheMiB, StoreLimits limits) {
        return open(fileName, cacheMiB, limits, true);
    }

    /** Without {@code compactor}: a test that runs its own. */
    static IndexedH2Backend open(String fileName, int cacheMiB, StoreLimits limits, boolean compactor) {
        MVStore.Builder builder = new MVStore.Builder().cacheSize(cacheMiB);
        if (fileName != null) {
            // no MVStore housekeeping while open (autoCompactFillRate 0): its background thread also *moves* chunks
            // inside the file under the live writers (compactMoveChunks, where H2's corruption reports lie:
            // h2database#4123, #4247), keeps compacting to a 90 % fill rate while writes go on, and spent a core on a
            // store of 100,000 applications that nobody was asking anything (which then no longer opened: 'Chunk … not
            // found'). Instead: chunks whose pages are all dead are freed and reused on every commit; the Compactor
            // rewrites the live pages of sparse chunks (never moving a chunk) only while less than half of the
            // chunk space is live; and a full copy before opening reclaims the rest (below).
            MVStoreTool.compactCleanUp(fileName); // a copy cut short by a kill: keep the original
            compactIfSparse(fileName, COMPACT_BELOW_LIVE_PERCENT, COMPACT_FROM_BYTES);
            builder.fileName(fileName).compress().autoCompactFillRate(0);
        }
        LIMITS.set(limits);
        IndexedH2Backend backend;
        try {
            backend = new IndexedH2Backend(builder.open(), limits);
        } finally {
            LIMITS.remove();
        }
        if (fileName != null && compactor) {
            backend.startCompactor();
        }
        return backend;
    }

    private Compactor compactor;

    private void startCompactor() {
        compactor = Compactor.start(getMvStore(), limits.maxStoreBytes());
    }

    @Override
    public void close() {
        if (compactor != null) {
            compactor.close();
        }
        super.close();
    }

    /** Below this share of live data in the file, the store is copied afresh before it is opened. */
    public static final int COMPACT_BELOW_LIVE_PERCENT = 50;
    /** Smaller files are not worth a copy. */
    public static final long COMPACT_FROM_BYTES = 64L << 20;

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Backend.class);

    /**
     * Copies the live data of a closed store into a new file that then replaces it (H2's own offline compaction, the
     * one behind {@code SHUTDOWN COMPACT}: it writes a new file and renames it, so the original stays whole until the
     * copy is complete), when less than {@code belowLivePercent} of the file is live data. Costs time in proportion to
     * the live data, once per start.
     *
     * @return whether the file was compacted
     */
    public static boolean compactIfSparse(String fileName, int belowLivePercent, long fromBytes) {
        File file = new File(fileName);
        if (!file.isFile() || file.length() < fromBytes) {
            return false;
        }
        int livePercent;
        try (MVStore probe = new MVStore.Builder().fileName(fileName).readOnly().open()) {
            livePercent = probe.getFillRate() * probe.getFileStore().getChunksFillRate() / 100;
        }
        if (livePercent >= belowLivePercent) {
            return false;
        }
        long before = file.length();
        long started = System.nanoTime();
        MVStore.compact(fileName, true, null);
        log.info("compacted {}: {} MiB with {}% live data to {} MiB in {} ms", fileName, before >> 20, livePercent,
                file.length() >> 20, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** H2Backend opens the existing databases in its constructor, before this object's fields are set. */
    private static final ThreadLocal<StoreLimits> LIMITS = new ThreadLocal<>();

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        StoreLimits current = limits != null ? limits : LIMITS.get();
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), current);
    }
}
