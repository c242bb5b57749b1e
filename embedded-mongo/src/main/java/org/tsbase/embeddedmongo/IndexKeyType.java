package org.tsbase.embeddedmongo;

import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Keys of a secondary index in an MVStore map: the indexed values followed by the document's position (its
 * {@code _id}), ordered as MongoDB orders values ({@link ValueComparator}), each component in the direction the index
 * declares. {@link Bound#FIRST} and {@link Bound#LAST} stand before and after every value in index order; they appear
 * only in look-ups, never in stored keys.
 */
final class IndexKeyType extends BasicDataType<Object[]> {

    /** Sentinels for range look-ups, absolute in index order (not inverted for descending components). */
    enum Bound {
        FIRST, LAST
    }

    private static final ValueComparator VALUES = ValueComparator.asc();

    private final ObjectDataType elements = new ObjectDataType();
    private final boolean[] descending;

    /** {@code descending[i]} for each indexed field; the position that follows is always ascending. */
    IndexKeyType(List<Boolean> descending) {
        this.descending = new boolean[descending.size()];
        for (int i = 0; i < descending.size(); i++) {
            this.descending[i] = descending.get(i);
        }
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = compareComponent(i, a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private int compareComponent(int i, Object x, Object y) {
        if (x instanceof Bound bx) {
            return y instanceof Bound by ? bx.compareTo(by) : (bx == Bound.FIRST ? -1 : 1);
        }
        if (y instanceof Bound by) {
            return by == Bound.FIRST ? 1 : -1;
        }
        int c = VALUES.compare(x, y);
        return i < descending.length && descending[i] ? -c : c;
    }

    @Override
    public int getMemory(Object[] key) {
        int memory = 24;
        for (Object o : key) {
            memory += o instanceof Bound ? 0 : elements.getMemory(o);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, Object[] key) {
        buffer.putVarInt(key.length);
        for (Object o : key) {
            elements.write(buffer, o);
        }
    }

    @Override
    public Object[] read(ByteBuffer buffer) {
        int length = org.h2.mvstore.DataUtils.readVarInt(buffer);
        Object[] key = new Object[length];
        for (int i = 0; i < length; i++) {
            key[i] = elements.read(buffer);
        }
        return key;
    }

    @Override
    public Object[][] createStorage(int size) {
        return new Object[size][];
    }
}
