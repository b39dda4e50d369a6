package dev.dataproduct.core.read;

import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.core.expr.Selection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of an ordered read, held to be sorted. With a limit it keeps only the first
 * {@code offset + limit} rows in order (a bounded heap); without one it holds every row. Either
 * way it holds at most {@code maxSortRows} rows and refuses the read beyond that.
 */
final class OrderedRows {
    /** A row: values of the returned columns, then of the sort keys, and its stored position. */
    private record Row(Object[] values, Object[] keys, long position) {
    }

    private final ReadPlan plan;
    private final Comparator<Row> order;
    private final long keep;
    private final PriorityQueue<Row> heap;
    private final List<Row> all = new ArrayList<>();
    private long position;

    OrderedRows(ReadPlan plan) {
        this.plan = plan;
        Comparator<Row> c = null;
        for (int k = 0; k < plan.request().order().size(); k++) {
            int key = k;
            Comparator<Row> byKey = (a, b) -> compare(a.keys()[key], b.keys()[key],
                    plan.request().order().get(key).descending());
            c = c == null ? byKey : c.thenComparing(byKey);
        }
        this.order = c.thenComparingLong(Row::position);
        boolean limited = plan.request().limit().isPresent();
        this.keep = limited ? plan.offset() + plan.request().limit().getAsLong() : plan.maxSortRows();
        if (keep > plan.maxSortRows()) {
            throw new InvalidRequestException("an ordered read holds the rows before the page and the page itself, "
                    + keep + " rows here, and holds at most " + plan.maxSortRows() + "; ask for a smaller page or "
                    + "narrow the filter instead of paging this deep");
        }
        this.heap = limited ? new PriorityQueue<>(order.reversed()) : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            // nulls last in either direction
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = ((Comparable) a).compareTo(b);
        return descending ? -c : c;
    }

    void add(VectorSchemaRoot seen, Selection wanted) {
        List<FieldVector> columns = plan.columns().stream().map(seen::getVector).toList();
        List<FieldVector> keys = plan.request().order().stream().map(k -> seen.getVector(k.column())).toList();
        for (int row = wanted.nextSelected(0); row >= 0; row = wanted.nextSelected(row + 1)) {
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = VectorValues.get(columns.get(c), row);
            }
            Object[] sortKeys = new Object[keys.size()];
            for (int k = 0; k < sortKeys.length; k++) {
                sortKeys[k] = VectorValues.get(keys.get(k), row);
            }
            Row r = new Row(values, sortKeys, position++);
            if (heap != null) {
                heap.add(r);
                if (heap.size() > keep) {
                    heap.poll();
                }
            } else {
                all.add(r);
                if (all.size() > keep) {
                    all.clear();
                    throw new InvalidRequestException("an ordered read without a limit holds at most " + keep
                            + " rows to sort, and this one has more; give a limit (and page with cursors) or a "
                            + "narrower filter");
                }
            }
        }
    }

    /** @return the batches of the ordered rows after the offset; the caller closes them */
    List<VectorSchemaRoot> batches(BufferAllocator allocator) {
        List<Row> rows = heap != null ? new ArrayList<>(heap) : all;
        rows.sort(order);
        List<VectorSchemaRoot> out = new ArrayList<>();
        try {
            for (int from = (int) Math.min(plan.offset(), rows.size()); from < rows.size(); from += plan.batchSize()) {
                int to = Math.min(rows.size(), from + plan.batchSize());
                VectorSchemaRoot batch = VectorSchemaRoot.create(plan.schema(), allocator);
                out.add(batch);
                batch.allocateNew();
                for (int r = from; r < to; r++) {
                    Object[] values = rows.get(r).values();
                    for (int c = 0; c < values.length; c++) {
                        VectorValues.set(batch.getVector(c), r - from, values[c]);
                    }
                }
                batch.setRowCount(to - from);
            }
        } catch (RuntimeException e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        clear();
        return out;
    }

    void clear() {
        all.clear();
        if (heap != null) {
            heap.clear();
        }
    }
}
