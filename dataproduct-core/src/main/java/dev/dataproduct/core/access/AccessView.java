package dev.dataproduct.core.access;

import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.expr.RowGather;
import dev.dataproduct.core.expr.Selection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What one principal sees of a dataset under its matching grants (see {@link Policy} for the
 * rule that combines them). {@link #apply} turns a stored batch into the rows and values the
 * principal may see, a column at a time: each grant's row filter is evaluated once over the batch
 * with the principal's attributes bound as constants, and each mask once over the rows it covers.
 */
public final class AccessView {
    private final AccessEnforcer enforcer;
    private final List<Grant> grants;
    private final ExpressionEvaluator evaluator;
    private final MaskKernels kernels;
    private final List<String> columns;
    private final Set<String> masked;
    /** Per visible column, per matching grant: the mask, empty for clear, or null if the grant hides it. */
    private final List<List<Optional<Mask>>> plan;

    AccessView(AccessEnforcer enforcer, Policy policy, List<Grant> grants, Principal principal) {
        this.enforcer = enforcer;
        this.grants = List.copyOf(grants);
        this.evaluator = new ExpressionEvaluator(principal);
        this.kernels = enforcer.kernels();
        List<String> visible = new ArrayList<>();
        Set<String> maskedColumns = new LinkedHashSet<>();
        List<List<Optional<Mask>>> perColumn = new ArrayList<>();
        for (Field f : enforcer.spec().schema().fields()) {
            List<Optional<Mask>> perGrant = new ArrayList<>();
            boolean shown = false;
            boolean alwaysClear = true;
            for (Grant g : grants) {
                if (g.shows(f.name())) {
                    Optional<Mask> m = policy.maskFor(g, f);
                    perGrant.add(m);
                    shown = true;
                    alwaysClear &= m.isEmpty();
                } else {
                    perGrant.add(null);
                    alwaysClear = false;
                }
            }
            if (shown) {
                visible.add(f.name());
                perColumn.add(perGrant);
                if (!alwaysClear) {
                    maskedColumns.add(f.name());
                }
            }
        }
        this.columns = List.copyOf(visible);
        this.masked = Collections.unmodifiableSet(maskedColumns);
        this.plan = perColumn;
    }

    /** @return the columns the principal sees, in the dataset's order */
    public List<String> columns() {
        return columns;
    }

    /**
     * @return the visible columns whose values may be masked (or null) in some rows for this
     *     principal, in the dataset's order
     */
    public Set<String> maskedColumns() {
        return masked;
    }

    /**
     * @return whether {@link #apply} returns every row of a batch with every visible value as stored:
     *     a grant for the principal admits all rows, and no visible column is ever masked
     */
    public boolean passesUnchanged() {
        return masked.isEmpty() && grants.stream().anyMatch(g -> g.rows().isEmpty());
    }

    /**
     * @param source the Arrow schema of stored batches
     * @return the Arrow schema of the batches {@link #apply} returns: the visible columns, with the
     *     same types; masked columns may hold nulls
     */
    public Schema schema(Schema source) {
        List<org.apache.arrow.vector.types.pojo.Field> out = new ArrayList<>();
        for (String c : columns) {
            org.apache.arrow.vector.types.pojo.Field f = source.findField(c);
            out.add(masked.contains(c) && !f.isNullable()
                    ? new org.apache.arrow.vector.types.pojo.Field(c, new FieldType(true, f.getType(),
                            f.getDictionary(), f.getMetadata()), f.getChildren())
                    : f);
        }
        return new Schema(out);
    }

    /**
     * Applies the policy to a batch.
     *
     * @param batch a stored batch of the dataset; not changed
     * @param allocator where the result's memory comes from
     * @return the admitted rows, the visible columns, masked values; the caller closes it
     * @throws dev.dataproduct.api.error.DataProductException if the policy cannot be evaluated
     */
    public VectorSchemaRoot apply(VectorSchemaRoot batch, BufferAllocator allocator) {
        int n = batch.getRowCount();
        List<BitSet> admits = new ArrayList<>(grants.size());
        BitSet admitted = new BitSet(n);
        for (Grant g : grants) {
            BitSet rows = g.rows().isPresent() ? bits(select(g, batch), n) : all(n);
            admits.add(rows);
            admitted.or(rows);
        }
        Schema schema = schema(batch.getSchema());
        List<FieldVector> out = new ArrayList<>(columns.size());
        try {
            for (int c = 0; c < columns.size(); c++) {
                out.add(column(c, batch, schema.getFields().get(c), admits, admitted, allocator));
            }
            VectorSchemaRoot seen = new VectorSchemaRoot(schema.getFields(), out, admitted.cardinality());
            out = List.of();
            return seen;
        } finally {
            out.forEach(FieldVector::close);
        }
    }

    private Selection select(Grant g, VectorSchemaRoot batch) {
        try {
            return evaluator.select(g.rows().orElseThrow(), batch);
        } catch (IllegalArgumentException e) {
            throw enforcer.broken("a row filter", e);
        }
    }

    private FieldVector column(int c, VectorSchemaRoot batch, org.apache.arrow.vector.types.pojo.Field field,
                               List<BitSet> admits, BitSet admitted, BufferAllocator allocator) {
        FieldVector source = batch.getVector(field.getName());
        int n = batch.getRowCount();
        List<Optional<Mask>> perGrant = plan.get(c);
        BitSet clear = new BitSet(n);
        for (int g = 0; g < grants.size(); g++) {
            if (perGrant.get(g) != null && perGrant.get(g).isEmpty()) {
                clear.or(admits.get(g));
            }
        }
        clear.and(admitted);
        if (clear.equals(admitted)) {
            // no admitted row is masked: the values are the source's, shared rather than copied when they are
            // one run of rows
            return Selection.of(admitted, n).copyColumn(source, field, allocator);
        }
        // which vector each row's value comes from: the source (clear), a grant's masked values, or none
        FieldVector[] from = new FieldVector[n];
        clear.stream().forEach(row -> from[row] = source);
        List<FieldVector> maskedValues = new ArrayList<>();
        FieldVector out = field.createVector(allocator);
        try {
            BitSet left = (BitSet) admitted.clone();
            left.andNot(clear);
            for (int g = 0; g < grants.size() && !left.isEmpty(); g++) {
                Optional<Mask> m = perGrant.get(g);
                if (m != null && m.isPresent()) {
                    BitSet rows = (BitSet) admits.get(g).clone();
                    rows.and(left);
                    left.andNot(rows);
                    if (!rows.isEmpty()) {
                        FieldVector values = field.createVector(allocator);
                        maskedValues.add(values);
                        values.allocateNew();
                        kernels.apply(m.get(), source, rows, values, batch, evaluator, allocator);
                        values.setValueCount(n);
                        rows.stream().forEach(row -> from[row] = values);
                    }
                }
            }
            // the admitted rows, each from the source or its grant's masked values, gathered in one pass
            int count = admitted.cardinality();
            FieldVector[] sources = new FieldVector[count];
            int[] rows = new int[count];
            int k = 0;
            for (int row = admitted.nextSetBit(0); row >= 0; row = admitted.nextSetBit(row + 1), k++) {
                sources[k] = from[row];
                rows[k] = row;
            }
            RowGather.gather(sources, rows, count, out);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        } finally {
            maskedValues.forEach(FieldVector::close);
        }
    }

    private static BitSet bits(Selection s, int n) {
        BitSet b = new BitSet(n);
        for (int row = s.nextSelected(0); row >= 0; row = s.nextSelected(row + 1)) {
            b.set(row);
        }
        return b;
    }

    private static BitSet all(int n) {
        BitSet b = new BitSet(n);
        b.set(0, n);
        return b;
    }
}
