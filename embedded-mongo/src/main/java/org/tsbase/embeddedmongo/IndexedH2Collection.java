package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection whose queries use its indexes the way MongoDB does, where mongo-java-server alone uses an index
 * only when the query names exactly that index's fields (so {@code {_id, version}} read every document):
 * <ul>
 * <li>a unique index (also {@code _id}) when the query has plain equality on all its fields, whatever else it asks;
 * <li>else the secondary index ({@link OrderedIndex}) that fixes most leading fields, read in index order, so that a
 * sort that follows the index with a limit reads no further than it returns;
 * <li>else every document, as before.
 * </ul>
 * Every document read is still matched against the whole query, so an index only ever narrows what is read. A query
 * that would hold more than {@code maxResultDocuments} in memory fails instead of exhausting the heap.
 */
final class IndexedH2Collection extends H2Collection {

    /** MongoDB's code for a query that exceeds a memory limit (QueryExceededMemoryLimitNoDiskUseAllowed). */
    static final int TOO_LARGE = 292;

    private final int maxResultDocuments;
    private final org.h2.mvstore.MVStore store;
    /** Documents read from the store, as MongoDB's explain calls it ("docsExamined"): what a query plan costs. */
    private final java.util.concurrent.atomic.LongAdder examined = new java.util.concurrent.atomic.LongAdder();

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
            int maxResultDocuments, org.h2.mvstore.MVStore store) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.maxResultDocuments = maxResultDocuments;
        this.store = store;
    }

    @Override
    protected Document getDocument(Object position) {
        examined.increment();
        return super.getDocument(position);
    }

    long documentsExamined() {
        return examined.sum();
    }

    /**
     * Keeps the store's current version readable while a query walks it: with a commit per write, MVStore would
     * otherwise free the chunks of older versions under a long index read ("Chunk ... not found", seen at 50,000
     * applications).
     */
    private <T> T pinned(java.util.function.Supplier<T> read) {
        org.h2.mvstore.MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            return read.get();
        } finally {
            store.deregisterVersionUsage(pin);
        }
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        return pinned(() -> read(query, orderBy, numberToSkip, limit, batchSize, fieldSelector));
    }

    private QueryResult read(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        if (isNaturalOrder(orderBy)) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Candidates candidates = candidates(query, orderBy);
        Stream<Document> matching = candidates.documents().filter(d -> documentMatchesQuery(d, query));
        if (!candidates.sorted() || limit <= 0) {
            // everything that matches is held in memory (to sort it, or to return it all): bound it
            int[] held = {0};
            matching = matching.peek(d -> {
                if (++held[0] > maxResultDocuments) {
                    throw tooLarge();
                }
            });
        }
        DocumentComparator comparator = candidates.sorted() || orderBy == null || orderBy.isEmpty()
                ? null : deriveComparator(orderBy);
        return matchDocumentsFromStream(MATCH_ALL, matching, numberToSkip, limit, batchSize, comparator, fieldSelector);
    }

    private static final Document MATCH_ALL = new Document();

    private static boolean isNaturalOrder(Document orderBy) {
        return orderBy != null && orderBy.keySet().stream().anyMatch(k -> k.startsWith("$"));
    }

    /** The documents a query has to look at, and whether they come in the order asked for. */
    private record Candidates(Stream<Document> documents, boolean sorted) {
    }

    private Candidates candidates(Document query, Document orderBy) {
        Document flat = QueryPlan.flatten(query); // once, not again per index
        Optional<Stream<Document>> unique = byUniqueIndex(flat);
        if (unique.isPresent()) {
            return new Candidates(unique.get(), false);
        }
        Optional<Planned> planned = bestPlan(flat, orderBy);
        if (planned.isPresent()) {
            return new Candidates(documents(planned.get()), planned.get().plan().sorted());
        }
        return new Candidates(streamAllDocumentsWithPosition().map(d -> {
            examined.increment();
            return d.getDocument();
        }), false);
    }

    private MongoServerError tooLarge() {
        return new MongoServerError(TOO_LARGE, "QueryExceededMemoryLimitNoDiskUseAllowed",
                "query on " + getFullName() + " would hold more than " + maxResultDocuments
                        + " documents in memory: narrow it with an indexed filter or a limit");
    }

    /** Documents of the unique index whose fields the query fixes by equality; empty if there is none. */
    /** {@code flat}: the query as {@link QueryPlan#flatten} gives it. */
    private Optional<Stream<Document>> byUniqueIndex(Document flat) {
        Map<String, Object> equalities = QueryPlan.equalities(flat);
        for (Index<Object> index : getIndexes()) {
            // {field: {$in: [...]}} on a one-field unique index (a bulk read by ids): the index's own look-up
            if (index instanceof AbstractUniqueIndex<Object> unique && index.getKeys().size() == 1
                    && flat.get(index.getKeys().get(0).getKey()) instanceof Document condition
                    && condition.size() == 1 && condition.get("$in") instanceof java.util.Collection<?> values
                    && values.stream().allMatch(QueryPlan::isScalar)) {
                Document sub = new Document(index.getKeys().get(0).getKey(), condition);
                return Optional.of(StreamSupport.stream(unique.getPositions(sub).spliterator(), false)
                        .map(this::getDocument).filter(Objects::nonNull));
            }
        }
        if (equalities.isEmpty()) {
            return Optional.empty();
        }
        for (Index<Object> index : getIndexes()) {
            if (index instanceof AbstractUniqueIndex<Object> unique
                    && equalities.keySet().containsAll(index.getKeys().stream().map(k -> k.getKey()).toList())) {
                Document sub = new Document();
                index.getKeys().forEach(k -> sub.put(k.getKey(), equalities.get(k.getKey())));
                if (!unique.canHandle(sub)) {
                    continue;
                }
                Iterable<Object> positions = unique.getPositions(sub);
                return Optional.of(StreamSupport.stream(positions.spliterator(), false)
                        .map(this::getDocument).filter(Objects::nonNull));
            }
        }
        return Optional.empty();
    }

    record Planned(OrderedIndex index, QueryPlan plan) {
    }

    Optional<Planned> bestPlan(Document query, Document orderBy) {
        Planned best = null;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex ordered) {
                Optional<QueryPlan> plan = QueryPlan.of(query, orderBy, ordered.fields(), ordered.descending(),
                        ordered.sparse(), ordered.multikey(), getIdField());
                if (plan.isPresent() && (best == null || plan.get().score() > best.plan().score())) {
                    best = new Planned(ordered, plan.get());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Stream<Document> documents(Planned p) {
        Iterator<Object> positions = p.index().positions(p.plan().from(), p.plan().to(), p.plan().reverse());
        Stream<Object> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions, 0), false);
        if (p.index().multikey()) {
            Set<Object> seen = new HashSet<>();
            stream = stream.filter(seen::add);
        }
        return stream.map(this::getDocument).filter(Objects::nonNull);
    }

    /** The number of documents matching {@code query} when one index answers it alone; else empty. */
    OptionalLong coveredCount(Document query) {
        return bestPlan(QueryPlan.flatten(query), null).filter(p -> p.plan().covered())
                .map(p -> OptionalLong.of(p.index().count(p.plan().from(), p.plan().to())))
                .orElse(OptionalLong.empty());
    }

    @Override
    public synchronized int count(Document query, int skip, int limit) {
        if (query == null || query.isEmpty()) {
            return super.count(query, skip, limit);
        }
        return pinned(() -> {
            long count = skip <= 0 && limit <= 0 ? coveredCount(query).orElse(-1) : -1;
            if (count < 0) {
                // counted as read, without holding the documents
                count = candidates(query, null).documents().filter(d -> documentMatchesQuery(d, query))
                        .skip(Math.max(0, skip)).limit(limit > 0 ? limit : Long.MAX_VALUE).count();
            }
            return (int) count;
        });
    }

    /** The documents matching {@code query}, read by the best index: the start of an aggregation. */
    synchronized Stream<Document> matching(Document query) {
        List<Document> documents = new java.util.ArrayList<>();
        queryDocuments(query, null, 0, 0, 0, null).forEach(documents::add);
        return documents.stream();
    }
}
