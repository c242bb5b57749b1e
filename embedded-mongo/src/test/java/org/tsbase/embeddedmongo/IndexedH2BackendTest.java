package org.tsbase.embeddedmongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store answers every query exactly as mongo-java-server's plain memory backend does (the reference),
 * while reading only what the indexes point to: the documents a page returns, the one document of a guarded update,
 * the documents with pending events for the outbox sweep, none for a covered count.
 */
class IndexedH2BackendTest {

    private static final String DB = "t";
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    private IndexedH2Backend backend;

    private MongoCollection<Document> indexed(StoreLimits limits) {
        backend = IndexedH2Backend.open(dir.resolve("store.mv").toString(), 16, limits);
        return collection(backend);
    }

    private MongoCollection<Document> collection(de.bwaldvogel.mongo.MongoBackend b) {
        MongoServer server = new MongoServer(b);
        servers.add(server);
        MongoClient client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":"
                + server.getLocalAddress().getPort());
        clients.add(client);
        return client.getDatabase(DB).getCollection("applications");
    }

    private IndexedH2Collection store() {
        return (IndexedH2Collection) backend.resolveDatabase(DB).resolveCollection("applications", true);
    }

    private static void createIndexes(MongoCollection<Document> c) {
        c.createIndex(Indexes.ascending("callId", "type", "status"));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("callId"), Indexes.descending("createdAt")));
        c.createIndex(Indexes.ascending("outbox.0.time"), new IndexOptions().sparse(true));
        c.createIndex(Indexes.ascending("tags"));
        c.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true));
        c.createIndex(Indexes.descending("createdAt"));
    }

    private static List<Document> documents(int n, long seed) {
        Random random = new Random(seed);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Document d = new Document("_id", String.format("app-%05d", i))
                    .append("callId", "call-" + random.nextInt(4))
                    .append("type", random.nextBoolean() ? "POINT" : "ZONE")
                    .append("status", List.of("DRAFT", "SUBMITTED", "SCORED", "WITHDRAWN").get(random.nextInt(4)))
                    .append("createdAt", new Date(T0 + random.nextInt(5000) * 1000L))
                    .append("total", random.nextInt(200) / 2.0)
                    .append("version", random.nextInt(5))
                    .append("slot", "slot-" + i)
                    .append("tags", List.of("t" + random.nextInt(3), "t" + (3 + random.nextInt(3))));
            if (random.nextInt(10) == 0) {
                List<Document> outbox = new ArrayList<>();
                for (int e = random.nextInt(3); e >= 0; e--) {
                    outbox.add(new Document("eventId", "e" + i + "-" + e)
                            .append("time", new Date(T0 + random.nextInt(100) * 1000L)));
                }
                d.append("outbox", outbox);
            }
            if (random.nextInt(7) == 0) {
                d.remove("callId"); // missing: matched by callId null
            }
            docs.add(d);
        }
        return docs;
    }

    record Case(String name, Bson filter, Bson sort, int skip, int limit) {
    }

    private static List<Case> cases(String someId) {
        Date mid = new Date(T0 + 2500_000L);
        return List.of(
                new Case("one call", eq("callId", "call-1"), null, 0, 0),
                new Case("call and type, page by creation", and(eq("callId", "call-2"), eq("type", "POINT")),
                        Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 20, 15),
                new Case("call, type and status", and(eq("callId", "call-0"), eq("type", "ZONE"),
                        eq("status", "SCORED")), null, 0, 0),
                new Case("call, newest first", eq("callId", "call-3"),
                        Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 0, 10),
                new Case("call, oldest first (index read backwards)", eq("callId", "call-3"),
                        Sorts.orderBy(Sorts.ascending("createdAt"), Sorts.descending("_id")), 5, 10),
                new Case("call and a creation range", and(eq("callId", "call-1"), gte("createdAt", mid)),
                        Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 0, 0),
                new Case("call and an open range below", and(eq("callId", "call-1"), lt("createdAt", mid)),
                        Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 0, 0),
                new Case("call, range both sides", and(eq("callId", "call-2"), gt("createdAt", new Date(T0 + 1000_000L)),
                        lte("createdAt", mid)), null, 0, 0),
                new Case("missing call equals null", eq("callId", null), Sorts.ascending("_id"), 0, 0),
                new Case("pending outbox older than", lt("outbox.0.time", new Date(T0 + 50_000L)), null, 0, 0),
                new Case("any pending outbox (the relay's count)", gt("outbox.0.time", new Date(Long.MIN_VALUE)), null,
                        0, 0),
                new Case("outbox exists and older (the sweep)", and(exists("outbox.0"),
                        lt("outbox.0.time", new Date(T0 + 80_000L))), null, 0, 0),
                new Case("array element (multikey)", eq("tags", "t1"), Sorts.ascending("_id"), 0, 0),
                new Case("two-sided range on an array: elements on either side match", and(gt("tags", "t2"),
                        lt("tags", "t3")), Sorts.ascending("_id"), 0, 0),
                new Case("pending since a time (lower bound only)", gte("outbox.0.time", new Date(T0 + 20_000L)),
                        Sorts.ascending("_id"), 0, 0),
                new Case("guarded update's filter", and(eq("_id", someId), gte("version", 0)), null, 0, 0),
                new Case("unique field and more", and(eq("slot", "slot-" + Integer.parseInt(someId.substring(4))), ne("status", "X")), null, 0, 0),
                new Case("no index: total", gt("total", 50), Sorts.ascending("_id"), 3, 40),
                new Case("ids in a list (a bulk read)", in("_id", someId, "app-00003", "app-00004", "none"),
                        Sorts.ascending("_id"), 0, 0),
                new Case("in on an indexed field", in("callId", "call-1", "call-2"), Sorts.ascending("_id"), 0, 0),
                new Case("status equality not leading", eq("status", "SUBMITTED"), Sorts.ascending("_id"), 0, 0),
                new Case("no field fixed, read in the order of an index", eq("status", "SCORED"),
                        Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 10, 25));
    }

    private static List<Object> ids(MongoCollection<Document> c, Case k) {
        FindIterable<Document> found = c.find(k.filter());
        if (k.sort() != null) {
            found = found.sort(k.sort());
        }
        found = found.skip(k.skip()).limit(k.limit());
        List<Object> ids = new ArrayList<>();
        found.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    @Test
    void everyQueryAnswersAsTheReferenceBackendDoes() {
        MongoCollection<Document> reference = collection(new MemoryBackend());
        MongoCollection<Document> indexed = indexed(StoreLimits.DEFAULT);
        createIndexes(indexed);
        createIndexes(reference);
        List<Document> docs = documents(1500, 7);
        reference.insertMany(docs.stream().map(Document::new).toList());
        indexed.insertMany(docs.stream().map(Document::new).toList());
        // changes after the insert move entries in the indexes
        for (MongoCollection<Document> c : List.of(reference, indexed)) {
            c.updateMany(eq("status", "DRAFT"), Updates.set("callId", "call-3"));
            c.updateMany(eq("type", "ZONE"), Updates.set("createdAt", new Date(T0 + 7_000_000L)));
            c.updateMany(exists("outbox.0"), Updates.popFirst("outbox"), new com.mongodb.client.model.UpdateOptions());
            c.deleteMany(eq("status", "WITHDRAWN"));
            c.updateOne(eq("_id", "app-00001"), Updates.push("outbox", new Document("time", new Date(T0))));
        }
        String someId = reference.find().first().getString("_id");
        for (Case k : cases(someId)) {
            List<Object> expected = ids(reference, k);
            if (k.sort() != null) {
                assertThat(ids(indexed, k)).as(k.name()).isEqualTo(expected);
            } else {
                assertThat(new HashSet<>(ids(indexed, k))).as(k.name()).isEqualTo(new HashSet<>(expected));
            }
            assertThat(expected).as("the case %s finds something", k.name()).isNotEmpty();
            assertThat(indexed.countDocuments(k.filter())).as("count of " + k.name())
                    .isEqualTo(reference.countDocuments(k.filter()));
        }
    }

    @Test
    void queriesReadOnlyWhatTheIndexesPointTo() {
        MongoCollection<Document> c = indexed(StoreLimits.DEFAULT);
        createIndexes(c);
        c.insertMany(documents(3000, 11));
        long pending = c.countDocuments(exists("outbox.0"));

        long read = examined(() -> c.findOneAndUpdate(and(eq("_id", "app-00042"), eq("version", 3)),
                Updates.inc("version", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        assertThat(read).as("a guarded update reads its one document").isLessThanOrEqualTo(2);

        read = examined(() -> ids(c, new Case("page", eq("callId", "call-1"),
                Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 40, 20)));
        assertThat(read).as("a page reads what it skips and returns, not the call").isEqualTo(60);

        read = examined(() -> ids(c, new Case("sweep", and(exists("outbox.0"), lt("outbox.0.time",
                new Date(T0 + 1_000_000L))), null, 0, 500)));
        assertThat(read).as("the sweep reads only documents with pending events").isEqualTo(pending);

        read = examined(() -> c.countDocuments(and(eq("callId", "call-2"), eq("type", "POINT"))));
        assertThat(read).as("a count the index covers reads no document").isZero();

        read = examined(() -> ids(c, new Case("newest of all", new Document(),
                Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 0, 20)));
        assertThat(read).as("the newest page of everything reads one page").isEqualTo(20);

        read = examined(() -> c.find(in("_id", "app-00010", "app-00020", "app-00030")).into(new ArrayList<>()));
        assertThat(read).as("a bulk read by ids reads those documents").isEqualTo(3);

        read = examined(() -> c.countDocuments(gt("total", 10)));
        assertThat(read).as("without an index everything is read (the reference point)").isEqualTo(3000);
    }

    private long examined(Runnable query) {
        long before = store().documentsExamined();
        query.run();
        return store().documentsExamined() - before;
    }

    @Test
    void indexesSurviveARestartWithoutARebuild() {
        MongoCollection<Document> c = indexed(StoreLimits.DEFAULT);
        createIndexes(c);
        c.insertMany(documents(800, 3));
        List<Object> before = ids(c, cases("app-00001").get(1));
        long count = c.countDocuments(eq("callId", "call-0"));
        stop();
        servers.clear();
        clients.clear();

        MongoCollection<Document> reopened = indexed(StoreLimits.DEFAULT);
        assertThat(store().documentsExamined()).as("opening rebuilds no index").isZero();
        assertThat(ids(reopened, cases("app-00001").get(1))).isEqualTo(before);
        assertThat(reopened.countDocuments(eq("callId", "call-0"))).isEqualTo(count);
        assertThatThrownBy(() -> reopened.insertOne(new Document("slot", "slot-5")))
                .as("the unique index is back too").isInstanceOf(MongoException.class);
    }

    @Test
    void aFullStoreRefusesWritesAndKeepsAnsweringReads() {
        MongoCollection<Document> c = indexed(StoreLimits.DEFAULT);
        createIndexes(c);
        c.insertMany(documents(200, 5));
        stop();
        servers.clear();
        clients.clear();

        MongoCollection<Document> full = indexed(new StoreLimits(1, 20_000));
        createIndexes(full); // a service starting on a full store declares its indexes again: that must not fail
        assertThatThrownBy(() -> full.insertOne(new Document("_id", "late").append("slot", "late")))
                .isInstanceOfSatisfying(MongoException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(IndexedH2Database.STORAGE_FULL);
                    assertThat(e.getMessage()).contains("storage full");
                });
        assertThatThrownBy(() -> full.updateOne(eq("_id", "app-00001"), Updates.set("status", "X")))
                .isInstanceOf(MongoException.class);
        assertThat(full.find(eq("_id", "app-00001")).first()).isNotNull();
        assertThat(full.countDocuments()).isEqualTo(200);
    }

    @Test
    void aQueryThatWouldHoldTooMuchFailsInsteadOfExhaustingTheHeap() {
        MongoCollection<Document> c = indexed(new StoreLimits(StoreLimits.DEFAULT.maxStoreBytes(), 100));
        createIndexes(c);
        c.insertMany(documents(1000, 9));
        assertThatThrownBy(() -> c.find(gt("total", -1)).sort(Sorts.ascending("total")).into(new ArrayList<>()))
                .isInstanceOfSatisfying(MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(IndexedH2Collection.TOO_LARGE));
        // the same store still answers a page that its index orders
        assertThat(ids(c, new Case("page", eq("callId", "call-1"),
                Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")), 0, 50))).hasSize(50);
        assertThat(c.countDocuments(gt("total", -1))).as("a count holds nothing").isEqualTo(1000);
    }

    /**
     * 400 indexed documents, half of them updated six times, one write command at a time as the stack writes: every
     * update leaves most of a chunk dead.
     */
    private static List<Document> sparse(MongoCollection<Document> c) {
        createIndexes(c);
        List<Document> docs = documents(400, 11);
        c.insertMany(docs);
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < docs.size(); i += 2) {
                c.updateOne(eq("_id", docs.get(i).get("_id")), Updates.set("version", round));
            }
        }
        return docs;
    }

    @Test
    void aSparseStoreIsCopiedAfreshBeforeItOpensWithEveryDocumentAndIndex() throws Exception {
        MongoCollection<Document> c = indexed(StoreLimits.DEFAULT);
        List<Document> docs = sparse(c);
        List<Object> page = ids(c, cases("app-00001").get(1));
        long count = c.countDocuments(eq("callId", "call-0"));
        stop();
        servers.clear();
        clients.clear();
        java.io.File file = dir.resolve("store.mv").toFile();
        long sparse = file.length();

        assertThat(IndexedH2Backend.compactIfSparse(file.getPath(), IndexedH2Backend.COMPACT_BELOW_LIVE_PERCENT, 0))
                .as("a store of mostly dead chunks is compacted").isTrue();
        assertThat(file.length()).as("the copy holds the live data only").isLessThan(sparse / 2);
        assertThat(IndexedH2Backend.compactIfSparse(file.getPath(), IndexedH2Backend.COMPACT_BELOW_LIVE_PERCENT, 0))
                .as("a fresh copy is left alone").isFalse();

        MongoCollection<Document> reopened = indexed(StoreLimits.DEFAULT);
        assertThat(reopened.countDocuments()).isEqualTo(400);
        assertThat(reopened.find(eq("_id", docs.get(10).get("_id"))).first()).containsEntry("version", 5);
        assertThat(ids(reopened, cases("app-00001").get(1))).isEqualTo(page);
        assertThat(reopened.countDocuments(eq("callId", "call-0"))).isEqualTo(count);
        assertThat(store().documentsExamined()).as("its indexes came along: nothing was read to rebuild them")
                .isLessThan(400);
        assertThatThrownBy(() -> reopened.insertOne(new Document("slot", "slot-5")))
                .as("the unique index is back too").isInstanceOf(MongoException.class);
    }

    @Test
    void anOpenSparseStoreIsRewrittenOnceWritesStopAndThenCostsNothing() throws Exception {
        backend = IndexedH2Backend.open(dir.resolve("store.mv").toString(), 16, StoreLimits.DEFAULT, false);
        org.h2.mvstore.MVStore store = backend.getMvStore();
        store.setRetentionTime(0); // chunks are rewritable at once (45 s by default)
        MongoCollection<Document> c = collection(backend);
        List<Document> docs = sparse(c);
        int before = store.getFileStore().getChunksFillRate();
        assertThat(before).as("one commit per write leaves mostly dead chunks").isLessThan(Compactor.BELOW_LIVE_PERCENT);

        try (Compactor compactor = new Compactor(store, 64 << 10, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(100), StoreLimits.DEFAULT.maxStoreBytes())) {
            compactor.schedule(java.time.Duration.ZERO);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> store.getFileStore().getChunksFillRate() >= Compactor.BELOW_LIVE_PERCENT
                            && !compactor.working());
            long version = store.getCurrentVersion();
            Thread.sleep(500);
            assertThat(store.getCurrentVersion()).as("a store above half live is left alone: no more commits")
                    .isEqualTo(version);
        }
        assertThat(c.countDocuments()).isEqualTo(400);
        assertThat(c.find(eq("_id", docs.get(10).get("_id"))).first()).containsEntry("version", 5);
        assertThat(c.find(eq("_id", docs.get(11).get("_id"))).first())
                .containsEntry("version", docs.get(11).get("version"));
    }

    @Test
    void underWritesTheCompactorTakesATenthOfTheLockUntilTheFileNearsItsLimit() {
        java.time.Duration round = java.time.Duration.ofMillis(200);
        java.time.Duration atLeast = java.time.Duration.ofSeconds(1);
        long limit = 8L << 30;
        assertThat(Compactor.pauseUnderWrites(round, atLeast, 1L << 30, limit)).isEqualTo(round.multipliedBy(9));
        assertThat(Compactor.pauseUnderWrites(java.time.Duration.ofMillis(20), atLeast, 1L << 30, limit))
                .as("at least a second").isEqualTo(atLeast);
        assertThat(Compactor.pauseUnderWrites(round, atLeast, 5L << 30, limit)).as("past half: half of the lock")
                .isEqualTo(round);
        assertThat(Compactor.pauseUnderWrites(round, atLeast, 7L << 30, limit)).as("past three quarters: all it can")
                .isZero();
    }
}
