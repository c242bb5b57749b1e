package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A secondary (non-unique) index kept in the same MVStore as the documents, so that it is committed with them and
 * survives restarts without a rebuild. Keys are the indexed values plus the document's {@code _id}, in index order;
 * {@link QueryPlan} reads a range of it. Arrays give one entry per element (a multikey index), as in MongoDB.
 */
final class OrderedIndex extends Index<Object> {

    private final MVMap<Object[], Boolean> entries;
    private final MVMap<String, Boolean> meta;
    private final String idField;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<Object[], Boolean> entries,
            MVMap<String, Boolean> meta, String idField) {
        super(name, keys, sparse);
        this.entries = entries;
        this.meta = meta;
        this.idField = idField;
    }

    boolean sparse() {
        return isSparse();
    }

    List<String> fields() {
        return keys();
    }

    List<Boolean> descending() {
        return getKeys().stream().map(k -> !k.isAscending()).toList();
    }

    /** True once a document gave more than one entry (an array value): then a range may name a document twice. */
    boolean multikey() {
        return Boolean.TRUE.equals(meta.get("multikey"));
    }

    @Override
    public Object getPosition(Document document) {
        return document.get(idField);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing can conflict
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        List<Object[]> keys = keysOf(document, position);
        if (keys.size() > 1 && !multikey()) {
            meta.put("multikey", true);
        }
        for (Object[] key : keys) {
            entries.put(key, Boolean.TRUE);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = getPosition(document);
        for (Object[] key : keysOf(document, position)) {
            entries.remove(key);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing can conflict
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        List<Object[]> before = keysOf(oldDocument, position);
        List<Object[]> after = keysOf(newDocument, position);
        if (sameKeys(before, after)) {
            return;
        }
        before.forEach(entries::remove);
        add(newDocument, position, collection);
    }

    private static boolean sameKeys(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The entries of one document: one per combination of the indexed fields' values (several for an array), none
     * for a sparse index when every indexed field is missing. Paths are read as the query matcher reads them: a
     * numeric segment indexes into an array ({@code outbox.0.time}), any other segment reaches into each element.
     */
    List<Object[]> keysOf(Document document, Object position) {
        List<List<Object>> perField = new ArrayList<>();
        boolean allMissing = true;
        for (String field : fields()) {
            List<Object> values = new ArrayList<>();
            collect(document, field.split("\\."), 0, values);
            if (values.isEmpty()) {
                values.add(null); // missing: indexed as null, as MongoDB does
            } else {
                allMissing = false;
            }
            perField.add(values);
        }
        if (isSparse() && allMissing) {
            return List.of();
        }
        List<Object[]> keys = new ArrayList<>();
        combine(perField, 0, new Object[perField.size() + 1], position, keys);
        return keys;
    }

    private static void collect(Object value, String[] path, int at, List<Object> into) {
        if (at == path.length) {
            if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    into.add(null);
                }
                list.forEach(element -> into.add(QueryPlan.normalize(element)));
            } else if (!(value instanceof Missing)) {
                into.add(QueryPlan.normalize(value));
            }
            return;
        }
        String segment = path[at];
        if (value instanceof Document d) {
            if (d.containsKey(segment)) {
                collect(d.get(segment), path, at + 1, into);
            }
        } else if (value instanceof List<?> list) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(segment);
                if (index < list.size()) {
                    collect(list.get(index), path, at + 1, into);
                }
            } else {
                for (Object element : list) {
                    collect(element, path, at, into);
                }
            }
        }
    }

    private static void combine(List<List<Object>> perField, int field, Object[] key, Object position,
            List<Object[]> into) {
        if (field == perField.size()) {
            Object[] complete = key.clone();
            complete[field] = position;
            into.add(complete);
            return;
        }
        for (Object value : new java.util.LinkedHashSet<>(perField.get(field))) {
            key[field] = value;
            combine(perField, field + 1, key, position, into);
        }
    }

    /** The positions of the entries from {@code from} to {@code to} (both inclusive, in index order). */
    Iterator<Object> positions(Object[] from, Object[] to, boolean reverse) {
        Cursor<Object[], Boolean> cursor = reverse ? entries.cursor(to, from, true) : entries.cursor(from, to, false);
        int last = fields().size();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Object next() {
                return cursor.next()[last];
            }
        };
    }

    /** How many entries lie from {@code from} to {@code to}, without reading them. */
    long count(Object[] from, Object[] to) {
        long start = insertionPoint(entries.getKeyIndex(from));
        long end = insertionPoint(entries.getKeyIndex(to));
        // the bounds end in a sentinel, so they are never stored keys: both are insertion points
        return Math.max(0, end - start);
    }

    private static long insertionPoint(long keyIndex) {
        return keyIndex < 0 ? -(keyIndex + 1) : keyIndex;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // planned by QueryPlan, not by the generic code path
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("use QueryPlan");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
        meta.clear();
    }
}
