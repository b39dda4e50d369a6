package dev.dataproduct.core.metric;

/**
 * Dense ids for long keys: the first key added gets 0, the next new one 1, and so on. Open
 * addressing with linear probing in primitive arrays, grown at half load, so a lookup on the hot
 * path boxes nothing.
 */
final class LongIntMap {
    private long[] keys;
    private int[] ids;
    private int mask;
    private int size;
    private long[] byId;

    LongIntMap() {
        keys = new long[64];
        ids = new int[64];
        mask = 63;
        java.util.Arrays.fill(ids, -1);
        byId = new long[16];
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** @return the key's id, a new one if the key was not there */
    int idOf(long key) {
        int i = mix(key) & mask;
        while (true) {
            int id = ids[i];
            if (id < 0) {
                return add(i, key);
            }
            if (keys[i] == key) {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return the key's id, or -1 */
    int find(long key) {
        int i = mix(key) & mask;
        while (true) {
            int id = ids[i];
            if (id < 0 || keys[i] == key) {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    private int add(int slot, long key) {
        int id = size++;
        keys[slot] = key;
        ids[slot] = id;
        if (id == byId.length) {
            byId = java.util.Arrays.copyOf(byId, id * 2);
        }
        byId[id] = key;
        if (size * 2 > keys.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        int cap = keys.length * 2;
        long[] k = new long[cap];
        int[] v = new int[cap];
        java.util.Arrays.fill(v, -1);
        int m = cap - 1;
        for (int id = 0; id < size; id++) {
            long key = byId[id];
            int i = mix(key) & m;
            while (v[i] >= 0) {
                i = (i + 1) & m;
            }
            k[i] = key;
            v[i] = id;
        }
        keys = k;
        ids = v;
        mask = m;
    }

    /** @return the key with an id */
    long key(int id) {
        return byId[id];
    }

    int size() {
        return size;
    }
}
