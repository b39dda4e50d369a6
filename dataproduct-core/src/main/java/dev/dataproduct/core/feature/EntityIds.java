package dev.dataproduct.core.feature;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the entities of a feature table 0, 1, 2, ... by their key. An entity of one integer join
 * key is looked up by its primitive value in an open-addressing table, without boxing: the probe of
 * every entity row of a training set goes through here.
 */
final class EntityIds {
    private static final int FREE = -1;

    private final Map<Object, Integer> objects = new HashMap<>();
    private long[] longKeys = new long[1 << 10];
    private int[] longIds = filled(1 << 10);
    private int longCount;
    private int size;

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, FREE);
        return a;
    }

    /** @return how many entities are numbered */
    int size() {
        return size;
    }

    /** @return the entity's number, numbering it if it is new; -1 for a null key */
    int idOrAdd(EntityKeys keys, int row) {
        if (keys.isLong()) {
            if (keys.isNull(row)) {
                return -1;
            }
            long k = keys.longAt(row);
            int slot = slot(k);
            if (longIds[slot] == FREE) {
                longKeys[slot] = k;
                longIds[slot] = size++;
                if (++longCount * 2 > longKeys.length) {
                    grow();
                }
                return size - 1;
            }
            return longIds[slot];
        }
        Object key = keys.at(row);
        if (key == null) {
            return -1;
        }
        Integer id = objects.get(key);
        if (id == null) {
            objects.put(key, size);
            return size++;
        }
        return id;
    }

    /** @return the entity's number, or -1 if it has none or its key is null */
    int id(EntityKeys keys, int row) {
        if (keys.isLong()) {
            if (keys.isNull(row)) {
                return -1;
            }
            return longIds[slot(keys.longAt(row))];
        }
        Object key = keys.at(row);
        if (key == null) {
            return -1;
        }
        if (key instanceof Long l && longCount > 0) {
            return longIds[slot(l)];
        }
        Integer id = objects.get(key);
        return id == null ? -1 : id;
    }

    /** The slot holding a key, or the free slot where it goes. */
    private int slot(long key) {
        int mask = longKeys.length - 1;
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (longIds[i] != FREE && longKeys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = longKeys;
        int[] oldIds = longIds;
        longKeys = new long[oldKeys.length * 2];
        longIds = filled(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldIds[i] != FREE) {
                int s = slot(oldKeys[i]);
                longKeys[s] = oldKeys[i];
                longIds[s] = oldIds[i];
            }
        }
    }
}
