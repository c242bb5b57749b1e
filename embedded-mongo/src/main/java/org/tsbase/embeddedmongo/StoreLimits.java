package org.tsbase.embeddedmongo;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * What the embedded store may grow to, and whether a write is acknowledged only once committed to the file
 * ({@code durable}; off only for throw-away stores in tests). Past {@code maxStoreBytes} of file it refuses writes (reads go on), so that a
 * full disk or a runaway load ends in a clear error rather than a broken file; a query that would hold more than
 * {@code maxResultDocuments} documents in memory fails rather than exhausting the heap.
 */
public record StoreLimits(long maxStoreBytes, int maxResultDocuments, boolean durable) {

    public static final StoreLimits DEFAULT = new StoreLimits(8L << 30, 20_000, true);

    public StoreLimits(long maxStoreBytes, int maxResultDocuments) {
        this(maxStoreBytes, maxResultDocuments, true);
    }

    boolean full(MVStore store) {
        FileStore<?> file = store.getFileStore();
        return file != null && file.size() > maxStoreBytes;
    }

    String describe(MVStore store) {
        FileStore<?> file = store.getFileStore();
        long size = file == null ? 0 : file.size();
        return (size >> 20) + " MiB of at most " + (maxStoreBytes >> 20) + " MiB";
    }
}
