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
    private static final long FREE = -1;

    private final Map<Object, Integer> objects = new HashMap<>();
    /**
     * Slot {@code i} is the key at {@code 2i} and its number at {@code 2i + 1} ({@link #FREE} if
     * none): a probe reads one cache line, where a key and its number in two arrays cost two misses.
     */
    private long[] slots = filled(1 << 10);
    private int longCount;
    private int size;
    private boolean inSlotOrder;

    private static long[] filled(int slotCount) {
        long[] a = new long[slotCount * 2];
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
            if (slots[slot + 1] == FREE) {
                slots[slot] = k;
                slots[slot + 1] = size++;
                if (++longCount * 4 > slots.length) {
                    grow();
                }
                return size - 1;
            }
            return (int) slots[slot + 1];
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
            return (int) slots[slot(keys.longAt(row)) + 1];
        }
        Object key = keys.at(row);
        if (key == null) {
            return -1;
        }
        if (key instanceof Long l && longCount > 0) {
            return (int) slots[slot(l) + 1];
        }
        Integer id = objects.get(key);
        return id == null ? -1 : id;
    }

    /**
     * Renumbers the entities of integer keys in the order of their slots, once all are numbered, so
     * that entity rows taken in the order of their {@link #home} slot read this table forward and
     * find their entities in increasing order (a walk of the index forward, not at random). Entities
     * of other keys keep their numbers.
     *
     * @return the new number of each entity, by its old one
     */
    int[] numberInSlotOrder() {
        int[] renumbered = new int[size];
        for (int i = 0; i < size; i++) {
            renumbered[i] = i;
        }
        if (!objects.isEmpty()) {
            return renumbered;
        }
        int next = 0;
        for (int i = 1; i < slots.length; i += 2) {
            if (slots[i] != FREE) {
                renumbered[(int) slots[i]] = next;
                slots[i] = next++;
            }
        }
        inSlotOrder = true;
        return renumbered;
    }

    /**
     * @param keys the join keys of a batch
     * @return whether rows of these keys have a {@link #home} slot and the entities are numbered in
     *     the order of their slots
     */
    boolean inSlotOrder(EntityKeys keys) {
        return inSlotOrder && keys.isLong();
    }

    /** @return how many slots there are: every {@link #home} slot is below it */
    int slotCount() {
        return slots.length / 2;
    }

    /**
     * Where a row's entity would be, computed from its key without reading the table.
     *
     * @return the row's home slot, or -1 if its key is null; only for keys {@link #inSlotOrder}
     */
    int home(EntityKeys keys, int row) {
        return keys.isNull(row) ? -1 : home(keys.longAt(row));
    }

    private int home(long key) {
        return Long.hashCode(key * 0x9E3779B97F4A7C15L) & (slots.length / 2 - 1);
    }

    /** The index in {@link #slots} of the slot holding a key, or of the free slot where it goes. */
    private int slot(long key) {
        int mask = slots.length / 2 - 1;
        int i = home(key);
        while (slots[2 * i + 1] != FREE && slots[2 * i] != key) {
            i = (i + 1) & mask;
        }
        return 2 * i;
    }

    private void grow() {
        long[] old = slots;
        slots = filled(old.length);
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != FREE) {
                int s = slot(old[i]);
                slots[s] = old[i];
                slots[s + 1] = old[i + 1];
            }
        }
    }
}
