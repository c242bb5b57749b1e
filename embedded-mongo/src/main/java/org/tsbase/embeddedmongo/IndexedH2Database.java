package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with secondary indexes ({@link OrderedIndex}), index-aware queries
 * ({@link IndexedH2Collection}), an aggregation whose first {@code $match} reads by index, and a size limit beyond
 * which writes are refused while reads go on. The map layout is H2Database's, so existing files open unchanged.
 */
final class IndexedH2Database extends AbstractSynchronizedMongoDatabase<Object> {

    private static final String META_PREFIX = "meta.";
    static final String DATABASES_PREFIX = "databases.";
    /** MongoDB's OutOfDiskSpace. */
    static final int STORAGE_FULL = 14031;
    /** Writes of data; creating collections and indexes is not refused, so that services still start on a full store. */
    private static final Set<String> WRITES = Set.of("insert", "update", "findandmodify");
    /** Stages that only transform the documents they are given (no output collection, no lookups elsewhere). */
    private static final Set<String> PLAIN_STAGES = Set.of("$match", "$skip", "$limit", "$group", "$sort", "$project",
            "$count", "$unwind", "$addFields", "$set", "$unset");

    private final MVStore mvStore;
    private final StoreLimits limits;

    IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry, StoreLimits limits) {
        super(databaseName, cursorRegistry);
        this.mvStore = mvStore;
        this.limits = limits;
        initializeNamespacesAndIndexes();
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
            Oplog oplog) {
        String name = command.toLowerCase();
        if (WRITES.contains(name) && limits.full(mvStore)) {
            throw new de.bwaldvogel.mongo.exception.MongoServerError(STORAGE_FULL, "OutOfDiskSpace",
                    "storage full: the embedded store holds " + limits.describe(mvStore)
                            + "; reads go on, writes are refused until space is made or the limit raised");
        }
        if (name.equals("aggregate")) {
            Document indexed = aggregateByIndex(query, databaseResolver, oplog);
            if (indexed != null) {
                return indexed;
            }
        }
        Document response;
        if (name.equals("createindexes")) {
            // a new index on a filled collection reads every document: pin the store's version as queries do, or the
            // background writer frees chunks under the long read ('Chunk … not found' at a restart with 100,000
            // applications, when a new index met ~200,000 stored documents)
            org.h2.mvstore.MVStore.TxCounter pin = mvStore.registerVersionUsage();
            try {
                response = super.handleCommand(channel, command, query, databaseResolver, oplog);
            } finally {
                mvStore.deregisterVersionUsage(pin);
            }
        } else {
            response = super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        if (limits.durable() && mvStore.getFileStore() != null && CHANGES.contains(name)) {
            // acknowledged means on disk: MVStore alone commits once a second, so a kill -9 lost up to a second of
            // acknowledged writes. Concurrent writers share one commit (GroupCommit).
            GroupCommit.of(mvStore).commitFinishedWrite();
        }
        return response;
    }

    private static final Set<String> CHANGES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    /** An aggregation that starts with {@code $match} and has only plain stages; null for any other. */
    private Document aggregateByIndex(Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        String collectionName = String.valueOf(query.get("aggregate"));
        if (!(query.get("pipeline") instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<Document> pipeline = Aggregation.parse(list);
        Document first = pipeline.get(0);
        if (!first.containsKey("$match") || !(first.get("$match") instanceof Document match)
                || pipeline.stream().anyMatch(stage -> !PLAIN_STAGES.containsAll(stage.keySet()))) {
            return null;
        }
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        if (!(collection instanceof IndexedH2Collection indexed)) {
            return null;
        }
        List<Document> rest = pipeline.subList(1, pipeline.size());
        List<Document> result;
        if (isCountOnly(rest)) {
            // countDocuments: {$match}, {$group: {_id: 1, n: {$sum: 1}}}
            int n = indexed.count(match, 0, 0);
            Document group = (Document) rest.get(0).get("$group");
            String field = group.keySet().stream().filter(k -> !k.equals("_id")).findFirst().orElseThrow();
            result = n == 0 ? List.of() : List.of(new Document("_id", group.get("_id")).append(field, n));
        } else {
            Aggregation aggregation = Aggregation.fromPipeline(rest, databaseResolver, this, collection, oplog);
            result = aggregation.runStages(indexed.matching(match));
        }
        Document cursor = new Document("firstBatch", result).append("id", 0L)
                .append("ns", getFullCollectionNamespace(collectionName));
        return new Document("cursor", cursor).append("ok", 1.0);
    }

    private static boolean isCountOnly(List<Document> rest) {
        if (rest.size() != 1 || !(rest.get(0).get("$group") instanceof Document group) || group.size() != 2
                || group.get("_id") instanceof Document) {
            return false;
        }
        return group.entrySet().stream().filter(e -> !e.getKey().equals("_id"))
                .allMatch(e -> e.getValue() instanceof Document sum && sum.size() == 1
                        && sum.get("$sum") instanceof Number one && one.intValue() == 1);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVMap<KeyValue, Object> mvMap = mvStore.openMap(mapNameForIndex(collectionName, indexName));
        try {
            return UNIQUE_INDEX.newInstance(mvMap, indexName, keys, sparse);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot open unique index " + indexName, e);
        }
    }

    /** H2UniqueIndex's constructor is package-private in mongo-java-server; the index itself is used as it is. */
    private static final java.lang.reflect.Constructor<H2UniqueIndex> UNIQUE_INDEX = uniqueIndexConstructor();

    private static java.lang.reflect.Constructor<H2UniqueIndex> uniqueIndexConstructor() {
        try {
            var constructor = H2UniqueIndex.class.getDeclaredConstructor(MVMap.class, String.class, List.class,
                    boolean.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        String mapName = mapNameForIndex(collectionName, indexName);
        IndexKeyType keyType = new IndexKeyType(keys.stream().map(k -> !k.isAscending()).toList());
        MVMap<Object[], Boolean> entries = mvStore.openMap(mapName,
                new MVMap.Builder<Object[], Boolean>().keyType(keyType));
        MVMap<String, Boolean> meta = mvStore.openMap(mapName + ".meta");
        return new OrderedIndex(indexName, keys, sparse, entries, meta, "_id");
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String name = mapNameForIndex(collection.getCollectionName(), indexName);
        for (String map : List.of(name, name + ".meta")) {
            if (mvStore.hasMap(map)) {
                mvStore.removeMap(map);
            }
        }
    }

    private String mapNameForIndex(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        List<MVMap<?, ?>> maps = mvStore.getMapNames().stream()
                .filter(name -> name.startsWith(databaseName + ".")
                        || name.startsWith(DATABASES_PREFIX + databaseName)
                        || name.startsWith(META_PREFIX + databaseName))
                .map(mvStore::openMap)
                .collect(Collectors.toList());
        for (MVMap<?, ?> map : maps) {
            mvStore.removeMap(map);
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATABASES_PREFIX + fullCollectionName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry,
                limits.maxResultDocuments(), mvStore);
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = mvStore.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        mvStore.removeMap(mvStore.openMap(DATABASES_PREFIX + fullCollectionName));
        mvStore.removeMap(mvStore.openMap(META_PREFIX + fullCollectionName));
    }
}
