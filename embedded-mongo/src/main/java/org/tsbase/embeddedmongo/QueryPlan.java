package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tsbase.embeddedmongo.IndexKeyType.Bound;

/**
 * How a query reads one secondary index: plain equality on a leading prefix of the index's fields, optionally a range
 * on the next one, read forwards or backwards; whether that order already is the requested sort; and whether the
 * index alone answers a count. Pure: tested without a server.
 *
 * @param prefix the number of leading fields fixed by equality
 * @param from first key to read, in index order
 * @param to last key to read, in index order
 * @param reverse read from {@code to} down to {@code from}
 * @param sorted the reading order is the requested sort (so skip and limit need read no further)
 * @param covered every condition of the query is answered by the range (so a count needs no document)
 */
record QueryPlan(int prefix, boolean ranged, Object[] from, Object[] to, boolean reverse, boolean sorted,
        boolean covered) {

    private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

    /** Comparison of two plans: more fields used is better, then an order that needs no sort. */
    int score() {
        return prefix * 4 + (ranged ? 2 : 0) + (sorted ? 1 : 0);
    }

    /**
     * The plan for {@code query} on an index of {@code fields} (with {@code descending} per field; the position
     * {@code idField} follows as an ascending last key), or empty where the index does not help.
     */
    static Optional<QueryPlan> of(Document original, Document orderBy, List<String> fields, List<Boolean> descending,
            boolean sparse, boolean multikey, String idField) {
        Document query = flatten(original);
        Map<String, Object> equalities = equalities(query);
        int prefix = 0;
        while (prefix < fields.size() && equalities.containsKey(fields.get(prefix))) {
            prefix++;
        }
        Document range = prefix < fields.size() ? rangeOf(query.get(fields.get(prefix))) : null;
        if (multikey && range != null && hasLower(range) && hasUpper(range)) {
            // an array matches a two-sided range when one element is above and another below: read one side only
            range = new Document(range);
            range.keySet().removeIf(k -> k.equals("$lt") || k.equals("$lte"));
        }
        if (prefix == 0 && range == null && (orderBy == null || orderBy.isEmpty() || multikey
                || readingOrder(orderBy, fields, descending, 0, equalities.keySet(), idField).isEmpty())) {
            return Optional.empty(); // the index neither narrows the read nor gives its order
        }
        if (sparse && range == null && fields.subList(0, prefix).stream().allMatch(f -> equalities.get(f) == null)) {
            return Optional.empty(); // a sparse index lacks the documents that match a null
        }
        int width = prefix + (range == null ? 0 : 1) + 1;
        Object[] from = new Object[width];
        Object[] to = new Object[width];
        for (int i = 0; i < prefix; i++) {
            Object value = normalize(equalities.get(fields.get(i)));
            from[i] = value;
            to[i] = value;
        }
        if (range == null) {
            from[prefix] = Bound.FIRST;
            to[prefix] = Bound.LAST;
        } else {
            boolean desc = descending.get(prefix);
            Object[] low = lowerBound(range);   // in value order
            Object[] high = upperBound(range);
            // in index order a descending field starts at its highest value
            Object[] first = desc ? invert(high) : low;
            Object[] last = desc ? invert(low) : high;
            from[prefix] = first[0];
            from[prefix + 1] = first[1];
            to[prefix] = last[0];
            to[prefix + 1] = last[1];
        }
        // an array's entries are not the order MongoDB sorts documents by: sort those in memory
        Optional<Boolean> reverse = multikey && orderBy != null && !orderBy.isEmpty() ? Optional.empty()
                : readingOrder(orderBy, fields, descending, prefix, equalities.keySet(), idField);
        Set<String> used = new java.util.HashSet<>(fields.subList(0, prefix));
        if (range != null) {
            used.add(fields.get(prefix));
        }
        boolean covered = !multikey && !query.containsKey(CONFLICT) && query.keySet().equals(used) && (range == null || onlyRange(query, fields.get(prefix)));
        return Optional.of(new QueryPlan(prefix, range != null, from, to, reverse.orElse(false), reverse.isPresent(),
                covered));
    }

    private static boolean onlyRange(Document query, String field) {
        return rangeOf(query.get(field)) != null;
    }

    /** Marks a flattened query that lost a condition (two on one field): it still narrows, but covers nothing. */
    private static final String CONFLICT = "$conflict";

    /**
     * The conditions of {@code query} with those of its {@code $and} (as the Java driver writes {@code Filters.and})
     * lifted to the top, operator documents on one field merged ({@code $gte} and {@code $lt} into one range).
     */
    static Document flatten(Document query) {
        if (!(query.get("$and") instanceof List<?> parts)) {
            return query;
        }
        Document flat = new Document();
        List<Object> all = new ArrayList<>();
        query.forEach((k, v) -> all.add(k.equals("$and") ? null : new Document(k, v)));
        all.removeIf(java.util.Objects::isNull);
        for (Object part : parts) {
            if (!(part instanceof Document d)) {
                return query;
            }
            all.add(flatten(d));
        }
        for (Object o : all) {
            for (Map.Entry<String, Object> e : ((Document) o).entrySet()) {
                Object existing = flat.get(e.getKey());
                if (existing == null && !flat.containsKey(e.getKey())) {
                    flat.put(e.getKey(), e.getValue());
                } else if (existing instanceof Document a && e.getValue() instanceof Document b
                        && operators(a) && operators(b) && java.util.Collections.disjoint(a.keySet(), b.keySet())) {
                    Document merged = new Document(a);
                    merged.putAll(b);
                    flat.put(e.getKey(), merged);
                } else {
                    flat.put(CONFLICT, true);
                }
            }
        }
        return flat;
    }

    private static boolean operators(Document d) {
        return !d.isEmpty() && d.keySet().stream().allMatch(k -> k.startsWith("$"));
    }

    /** Fields of {@code query} with a plain equality: a scalar value or {@code {$eq: scalar}}. */
    static Map<String, Object> equalities(Document original) {
        Document query = flatten(original);
        Map<String, Object> equalities = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : query.entrySet()) {
            if (e.getKey().startsWith("$")) {
                continue;
            }
            Object value = e.getValue();
            if (value instanceof Document d) {
                if (d.size() == 1 && d.containsKey("$eq") && isScalar(d.get("$eq"))) {
                    equalities.put(e.getKey(), d.get("$eq"));
                }
            } else if (isScalar(value)) {
                equalities.put(e.getKey(), value);
            }
        }
        return equalities;
    }

    /** A scalar as indexes hold it (mongo-java-server's normalisation: numbers as doubles, missing as null). */
    static Object normalize(Object value) {
        if (value instanceof Missing) {
            return null;
        }
        if (value instanceof Long l && (double) l != l) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == -0.0 ? 0.0 : d;
        }
        return value;
    }

    static boolean isScalar(Object value) {
        return !(value instanceof Document || value instanceof Collection || value instanceof Pattern
                || value instanceof BsonRegularExpression || value instanceof Map);
    }

    private static Document rangeOf(Object condition) {
        if (condition instanceof Document d && !d.isEmpty() && RANGE_OPERATORS.containsAll(d.keySet())
                && d.values().stream().allMatch(v -> v != null && isScalar(v))) {
            return d;
        }
        return null;
    }

    private static boolean hasLower(Document range) {
        return range.containsKey("$gt") || range.containsKey("$gte");
    }

    private static boolean hasUpper(Document range) {
        return range.containsKey("$lt") || range.containsKey("$lte");
    }

    /** {value or FIRST, sentinel}: where the range starts in ascending value order. */
    private static Object[] lowerBound(Document range) {
        if (range.containsKey("$gt")) {
            return new Object[] {normalize(range.get("$gt")), Bound.LAST};
        }
        if (range.containsKey("$gte")) {
            return new Object[] {normalize(range.get("$gte")), Bound.FIRST};
        }
        return new Object[] {Bound.FIRST, Bound.FIRST};
    }

    private static Object[] upperBound(Document range) {
        if (range.containsKey("$lt")) {
            return new Object[] {normalize(range.get("$lt")), Bound.FIRST};
        }
        if (range.containsKey("$lte")) {
            return new Object[] {normalize(range.get("$lte")), Bound.LAST};
        }
        return new Object[] {Bound.LAST, Bound.LAST};
    }

    /** A bound in value order seen in the reversed order of a descending field. */
    private static Object[] invert(Object[] bound) {
        Object[] inverted = new Object[2];
        inverted[0] = bound[0] instanceof Bound b ? flip(b) : bound[0];
        inverted[1] = bound[1] instanceof Bound b ? flip(b) : bound[1];
        return inverted;
    }

    private static Bound flip(Bound b) {
        return b == Bound.FIRST ? Bound.LAST : Bound.FIRST;
    }

    /**
     * Empty when reading the index cannot give the requested order; else whether to read it backwards. Sort keys
     * fixed by equality are ignored; the rest must follow the index's fields after the prefix (then the position),
     * all in the index's direction or all against it.
     */
    static Optional<Boolean> readingOrder(Document orderBy, List<String> fields, List<Boolean> descending, int prefix,
            Set<String> fixed, String idField) {
        if (orderBy == null || orderBy.isEmpty()) {
            return Optional.of(false);
        }
        List<String> keys = new ArrayList<>(fields);
        List<Boolean> desc = new ArrayList<>(descending);
        keys.add(idField);
        desc.add(false);
        Boolean reverse = null;
        int next = prefix;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (sort.getKey().startsWith("$")) {
                return Optional.empty();
            }
            if (fixed.contains(sort.getKey())) {
                continue;
            }
            if (next >= keys.size() || !keys.get(next).equals(sort.getKey())) {
                return Optional.empty();
            }
            boolean wantDescending = !(sort.getValue() instanceof Number n) || n.doubleValue() < 0;
            boolean against = wantDescending != desc.get(next);
            if (reverse != null && reverse != against) {
                return Optional.empty();
            }
            reverse = against;
            next++;
        }
        return Optional.of(reverse != null && reverse);
    }
}
