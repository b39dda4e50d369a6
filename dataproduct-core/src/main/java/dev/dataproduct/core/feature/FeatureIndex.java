package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.core.expr.RowGather;
import dev.dataproduct.core.expr.Selection;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature table held for an as-of join: for each entity its rows sorted by event time, created
 * time and position, and each feature's values copied once into that order, so that the probes of
 * entity rows taken in the order of their entity read the values forward, not at random. Memory: the
 * feature columns plus 20 bytes a row (the table's other columns are let go once it is indexed).
 */
final class FeatureIndex implements AutoCloseable {
    /** The most rows of one entity sorted by insertion; more are sorted by {@link Arrays#sort}. */
    private static final int SMALL_GROUP = 48;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private final Map<String, FieldVector> features = new HashMap<>();
    private final EntityIds entities = new EntityIds();
    /** Where each entity's rows start in the sorted arrays; one more entry than entities. */
    private int[] starts;
    private long[] events;
    private long[] created;
    /** Batch number in the high 32 bits, row in the low ones; only while the index is built. */
    private long[] positions;

    private FeatureIndex() {
    }

    static FeatureIndex build(FeatureView view, Dataset table, BufferAllocator allocator) {
        FeatureIndex index = new FeatureIndex();
        try {
            index.load(view, table, allocator);
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private void load(FeatureView view, Dataset table, BufferAllocator allocator) {
        IntList entityOf = new IntList();
        LongList event = new LongList();
        LongList create = new LongList();
        LongList position = new LongList();
        try (BatchCursor cursor = table.open()) {
            while (cursor.next()) {
                VectorSchemaRoot source = cursor.batch();
                int n = source.getRowCount();
                VectorSchemaRoot held = Selection.all(n).copyRows(source, source.getSchema(), allocator);
                batches.add(held);
                long batchNo = batches.size() - 1;
                EntityKeys keys = EntityKeys.of(held, view.entity().keyColumns(), "feature table '" + view.name() + "'");
                Times events = new Times(column(view, held, view.eventTime()));
                Times creates = view.createdTime().map(c -> new Times(column(view, held, c))).orElse(null);
                for (int r = 0; r < n; r++) {
                    long e = events.at(r);
                    if (e == AsOfRule.NO_TIME) {
                        continue; // a row that cannot be placed in time is never chosen
                    }
                    int entity = entities.idOrAdd(keys, r);
                    if (entity < 0) {
                        continue;
                    }
                    entityOf.add(entity);
                    event.add(e);
                    create.add(creates == null ? AsOfRule.NO_TIME : creates.at(r));
                    position.add(batchNo << 32 | r);
                }
            }
        }
        group(entityOf, event, create, position);
        for (String feature : view.featureNames()) {
            features.put(feature, inIndexOrder(view, feature, allocator));
        }
        positions = null;
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
    }

    /** Copies a feature's values into the order of the sorted arrays, in bulk. */
    private FieldVector inIndexOrder(FeatureView view, String feature, BufferAllocator allocator) {
        if (batches.isEmpty()) {
            return null;
        }
        FieldVector[] sources = new FieldVector[batches.size()];
        for (int b = 0; b < sources.length; b++) {
            sources[b] = column(view, batches.get(b), feature);
        }
        int rows = positions.length;
        FieldVector[] from = new FieldVector[rows];
        int[] at = new int[rows];
        for (int i = 0; i < rows; i++) {
            from[i] = sources[(int) (positions[i] >>> 32)];
            at[i] = (int) positions[i];
        }
        FieldVector out = sources[0].getField().createVector(allocator);
        try {
            RowGather.gather(from, at, rows, out);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static FieldVector column(FeatureView view, VectorSchemaRoot batch, String name) {
        FieldVector v = batch.getVector(name);
        if (v == null) {
            throw new IllegalArgumentException("feature table '" + view.name() + "' has no column '" + name + "'");
        }
        return v;
    }

    /** Orders the rows by entity (a counting sort, stable) and then by time within each entity. */
    private void group(IntList entityOf, LongList event, LongList create, LongList position) {
        int rows = entityOf.size;
        int[] renumbered = entities.numberInSlotOrder();
        for (int i = 0; i < rows; i++) {
            entityOf.values[i] = renumbered[entityOf.values[i]];
        }
        starts = new int[entities.size() + 1];
        for (int i = 0; i < rows; i++) {
            starts[entityOf.values[i] + 1]++;
        }
        for (int k = 0; k < entities.size(); k++) {
            starts[k + 1] += starts[k];
        }
        int[] next = Arrays.copyOf(starts, entities.size());
        events = new long[rows];
        created = new long[rows];
        positions = new long[rows];
        for (int i = 0; i < rows; i++) {
            int at = next[entityOf.values[i]]++;
            events[at] = event.values[i];
            created[at] = create.values[i];
            positions[at] = position.values[i];
        }
        for (int k = 0; k < entities.size(); k++) {
            sortGroup(starts[k], starts[k + 1]);
        }
    }

    private void sortGroup(int from, int to) {
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) {
            sorted = compare(i - 1, i) <= 0;
        }
        if (sorted) {
            return;
        }
        if (to - from <= SMALL_GROUP) {
            insertionSort(from, to);
            return;
        }
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, this::compare);
        long[] e = new long[order.length];
        long[] c = new long[order.length];
        long[] p = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            e[i] = events[order[i]];
            c[i] = created[order[i]];
            p[i] = positions[order[i]];
        }
        System.arraycopy(e, 0, events, from, e.length);
        System.arraycopy(c, 0, created, from, c.length);
        System.arraycopy(p, 0, positions, from, p.length);
    }

    /** In place, stable, without boxing: an entity has a few rows, and boxing each was most of the sort. */
    private void insertionSort(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long e = events[i];
            long c = created[i];
            long p = positions[i];
            int j = i - 1;
            while (j >= from && AsOfRule.order(events[j], created[j], e, c) > 0) {
                events[j + 1] = events[j];
                created[j + 1] = created[j];
                positions[j + 1] = positions[j];
                j--;
            }
            events[j + 1] = e;
            created[j + 1] = c;
            positions[j + 1] = p;
        }
    }

    private int compare(int a, int b) {
        int c = AsOfRule.order(events[a], created[a], events[b], created[b]);
        return c != 0 ? c : Long.compare(positions[a], positions[b]);
    }

    /** @return how many entities the table has rows of; their numbers are below it */
    int entities() {
        return entities.size();
    }

    /** @see EntityIds#inSlotOrder */
    boolean inSlotOrder(EntityKeys keys) {
        return entities.inSlotOrder(keys);
    }

    /** @see EntityIds#home */
    int home(EntityKeys keys, int row) {
        return entities.home(keys, row);
    }

    /** @see EntityIds#slotCount */
    int slotCount() {
        return entities.slotCount();
    }

    /**
     * @param keys the join keys of a batch of entity rows
     * @param row a row
     * @return the entity's number in this table, or -1 if the table has no row of it
     */
    int entity(EntityKeys keys, int row) {
        return entities.id(keys, row);
    }

    /**
     * The latest row of an entity at or before a time, by the as-of order.
     *
     * @param entity the entity's number, or -1
     * @return its index in the sorted arrays, or -1 if the entity has none
     */
    int latest(int entity, long at) {
        if (entity < 0 || at == AsOfRule.NO_TIME) {
            return -1;
        }
        int lo = starts[entity];
        int hi = starts[entity + 1] - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (events[mid] <= at) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    long event(int index) {
        return events[index];
    }

    /**
     * @param feature a feature of the view
     * @return its values, value {@code i} that of row {@code i} of the sorted arrays; null if the
     *     table has no rows
     */
    FieldVector feature(String feature) {
        return features.get(feature);
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
        features.values().forEach(v -> {
            if (v != null) {
                v.close();
            }
        });
        features.clear();
    }

    /** A growable array of ints. */
    private static final class IntList {
        int[] values = new int[1024];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    /** A growable array of longs. */
    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
