package dev.dataproduct.core.metric;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.expr.Selection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over the rows of a query: each row gets a group id (the codes of its groups, combined
 * level by level through primitive hash tables; the time bucket last), then every leaf folds its
 * measure into its group's state. Memory grows with the groups, not the rows.
 */
final class Scan {
    final QueryPlan plan;
    final KeyColumn[] keys;
    final KeyColumn axis;
    /** Level j maps (id at level j-1, code j) to the id at level j; level 0 maps the first code. */
    final LongIntMap[] levels;
    /** (key group, bucket) to group id, when the query groups by time. */
    final LongIntMap buckets;
    final Accumulator[] accumulators;
    private final Leaf[] leaves;
    private final ExpressionEvaluator evaluator;
    private final BufferAllocator allocator;
    private int[][] codes = new int[0][];
    private int[] bucketCodes = new int[0];
    private int[] groups = new int[0];
    private boolean checked;
    /** Group id + 1 of each dictionary code of the first key (0: not seen yet). */
    private int[] direct = new int[64];

    Scan(QueryPlan plan, ExpressionEvaluator evaluator, BufferAllocator allocator) {
        this.plan = plan;
        this.evaluator = evaluator;
        this.allocator = allocator;
        keys = new KeyColumn[plan.keys.size()];
        levels = new LongIntMap[keys.length];
        for (int j = 0; j < keys.length; j++) {
            Dimension d = plan.keyDimensions.get(j);
            keys[j] = new KeyColumn(d, plan.keys.get(j).grain().orElse(TimeGrain.DAY));
            levels[j] = new LongIntMap();
        }
        axis = plan.axisDimension.map(d -> new KeyColumn(d, plan.scanGrain)).orElse(null);
        buckets = axis == null ? null : new LongIntMap();
        leaves = plan.leaves.keySet().toArray(Leaf[]::new);
        accumulators = new Accumulator[leaves.length];
        for (int l = 0; l < leaves.length; l++) {
            accumulators[l] = new Accumulator(leaves[l]);
        }
    }

    /**
     * Folds every batch of a cursor in.
     *
     * @param rows the rows
     * @param filter the rows queried, when the cursor did not select them already
     */
    void run(BatchCursor rows, Optional<Expr> filter) {
        while (rows.next()) {
            add(rows.batch(), filter);
        }
        for (Accumulator a : accumulators) {
            a.finishScan(groupCount());
        }
    }

    int groupCount() {
        if (buckets != null) {
            return buckets.size();
        }
        return keys.length == 0 ? 1 : levels[keys.length - 1].size();
    }

    private void add(VectorSchemaRoot batch, Optional<Expr> filter) {
        if (!checked) {
            checkColumns(batch, filter);
            checked = true;
        }
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        List<FieldVector> owned = new ArrayList<>();
        try {
            Selection queried = filter.map(f -> evaluator.select(f, batch)).orElse(null);
            if (codes.length != keys.length || groups.length < n) {
                codes = new int[keys.length][Math.max(n, groups.length)];
                bucketCodes = new int[Math.max(n, groups.length)];
                groups = new int[Math.max(n, groups.length)];
            }
            for (int j = 0; j < keys.length; j++) {
                keys[j].encode(vector(plan.keyDimensions.get(j).expr(), batch, owned), n, codes[j]);
            }
            if (axis != null) {
                axis.encode(vector(plan.axisDimension.orElseThrow().expr(), batch, owned), n, bucketCodes);
            }
            assignGroups(n, queried);
            int count = groupCount();
            Map<Optional<Expr>, Selection> selections = new HashMap<>();
            for (int l = 0; l < leaves.length; l++) {
                Leaf leaf = leaves[l];
                Selection rows = selections.computeIfAbsent(leaf.filter(), f -> f.map(p -> {
                    Selection s = evaluator.select(p, batch);
                    return queried == null ? s : s.and(queried);
                }).orElse(queried));
                Accumulator a = accumulators[l];
                a.ensure(count);
                Expr e = leaf.measure().expr();
                if (e instanceof Expr.Literal lit) {
                    a.addConstant(lit.value() instanceof Number x ? x.doubleValue() : 0, groups, rows, n);
                } else {
                    a.add(vector(e, batch, owned), groups, rows, n);
                }
            }
        } finally {
            owned.forEach(FieldVector::close);
        }
    }

    /**
     * Refuses, before any row is folded, a query or model reading a column the rows lack: the
     * evaluator would fail on it with a plain exception, and a client sent a mistaken name.
     */
    private void checkColumns(VectorSchemaRoot batch, Optional<Expr> filter) {
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>(plan.columns());
        filter.ifPresent(f -> wanted.addAll(f.columns()));
        for (String c : wanted) {
            if (batch.getVector(c) == null) {
                throw new InvalidRequestException("the metric query of the semantic model '" + plan.model.name()
                        + "' reads the column '" + c + "', which is not among the columns of '" + plan.model.dataset()
                        + "'" + (plan.model.joins().isEmpty() ? "" : " or of the datasets it joins")
                        + " that can be read; check the name in the query's filter and the model's definitions");
            }
        }
    }

    private void assignGroups(int n, Selection queried) {
        int[] g = groups;
        if (keys.length == 0) {
            java.util.Arrays.fill(g, 0, n, 0);
        } else {
            int[] c0 = codes[0];
            LongIntMap first = levels[0];
            if (keys[0].kind == KeyColumn.Kind.DAY) {
                for (int i = 0; i < n; i++) {
                    g[i] = queried != null && !queried.isSelected(i) ? 0 : first.idOf(c0[i]);
                }
            } else {
                // dictionary codes are small and dense: an array finds their group without hashing
                for (int i = 0; i < n; i++) {
                    if (queried != null && !queried.isSelected(i)) {
                        g[i] = 0;
                        continue;
                    }
                    int slot = c0[i] == KeyColumn.NULL ? 0 : c0[i] + 1;
                    if (slot >= direct.length) {
                        direct = java.util.Arrays.copyOf(direct, Math.max(slot + 1, direct.length * 2));
                    }
                    int id = direct[slot] - 1;
                    if (id < 0) {
                        id = first.idOf(c0[i]);
                        direct[slot] = id + 1;
                    }
                    g[i] = id;
                }
            }
            for (int j = 1; j < keys.length; j++) {
                int[] cj = codes[j];
                LongIntMap level = levels[j];
                for (int i = 0; i < n; i++) {
                    if (queried == null || queried.isSelected(i)) {
                        g[i] = level.idOf(((long) g[i] << 32) | (cj[i] & 0xFFFFFFFFL));
                    }
                }
            }
        }
        if (buckets != null) {
            int[] b = bucketCodes;
            LongIntMap map = buckets;
            for (int i = 0; i < n; i++) {
                if (queried == null || queried.isSelected(i)) {
                    g[i] = map.idOf(((long) g[i] << 32) | (b[i] & 0xFFFFFFFFL));
                }
            }
        }
    }

    private FieldVector vector(Expr e, VectorSchemaRoot batch, List<FieldVector> owned) {
        if (e instanceof Expr.Column c) {
            FieldVector v = batch.getVector(c.name());
            if (v == null) {
                throw new InvalidRequestException("the column '" + c.name() + "' of the semantic model '"
                        + plan.model.name() + "' is not in the rows read from '" + plan.model.dataset()
                        + "'; columns: " + batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
            }
            return v;
        }
        FieldVector v = evaluator.evaluate(e, batch, "value", allocator);
        owned.add(v);
        return v;
    }

    /** @return the codes of a key group, level by level */
    int[] keyCodes(int keyGroup) {
        int[] out = new int[keys.length];
        int g = keyGroup;
        for (int j = keys.length - 1; j >= 0; j--) {
            long k = levels[j].key(g);
            out[j] = (int) k;
            g = (int) (k >>> 32);
        }
        return out;
    }

    /** @return the key group of a group */
    int keyGroupOf(int group) {
        return buckets == null ? group : (int) (buckets.key(group) >>> 32);
    }

    /** @return the time bucket of a group (an epoch day, or {@link KeyColumn#NULL}); 0 without time */
    int bucketOf(int group) {
        return buckets == null ? 0 : (int) buckets.key(group);
    }
}
