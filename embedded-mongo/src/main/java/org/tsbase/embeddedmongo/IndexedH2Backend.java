package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

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
        MVStore.Builder builder = new MVStore.Builder().cacheSize(cacheMiB);
        if (fileName != null) {
            builder.fileName(fileName).compress();
        }
        LIMITS.set(limits);
        try {
            return new IndexedH2Backend(builder.open(), limits);
        } finally {
            LIMITS.remove();
        }
    }

    /** H2Backend opens the existing databases in its constructor, before this object's fields are set. */
    private static final ThreadLocal<StoreLimits> LIMITS = new ThreadLocal<>();

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        StoreLimits current = limits != null ? limits : LIMITS.get();
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), current);
    }
}
