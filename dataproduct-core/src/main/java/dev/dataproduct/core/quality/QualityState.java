package dev.dataproduct.core.quality;

import dev.dataproduct.api.quality.CustomMetric;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.core.expr.BoundedMatcher;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.expr.Selection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The state of every metric of a {@link QualityPlan}, folded from batches in one pass and mergeable:
 * the states of two sets of batches merge into the state of their union, so a pass can be split by
 * batch, by thread and by run. Exact metrics (counts, min, max, duplicates, orphans) merge exactly;
 * sums, means and standard deviations up to floating-point rounding; HyperLogLog sketches merge
 * register by register (the merged sketch equals the sketch of the union); KLL sketches merge with
 * their usual rank-error guarantee.
 *
 * <pre>{@code
 * QualityState state = plan.newState();
 * dataset.forEachBatch(state::update);
 * byte[] saved = state.toBytes();                              // keep for the next run
 * QualityState total = QualityState.fromBytes(plan, saved);
 * total.merge(stateOfNewBatches);
 * QualityReport report = QualityEngine.report(plan, total, context);
 * }</pre>
 *
 * <p>Row positions count the rows folded into a state, in order; a merged state's rows come after
 * the rows of the state it is merged into. A state is not thread-safe: use one per thread.
 */
public final class QualityState {
    private static final int MAGIC = 0x44505153;
    /** 2: exact integer sums, scaled float sums, the unit of timestamps, NaN counts of quantiles, check errors. */
    private static final int VERSION = 2;

    final QualityPlan plan;
    long rows;
    final ColumnData[] data;
    final ColumnAcc[] columns;
    final Failures[] rules;
    private final ColumnRules[] ruleGroups;
    final DuplicateAcc[] duplicates;
    final OrphanAcc[] orphans;
    final Failures[] violations;
    private final ViolationLabeler[] violationLabelers;
    private final PredicateKernels kernels;
    private long[] failingWords = new long[0];
    final Object[] customs;
    private ExpressionEvaluator evaluator;

    QualityState(QualityPlan plan) {
        this.plan = plan;
        int nc = plan.columns.size();
        data = new ColumnData[nc];
        columns = new ColumnAcc[nc];
        for (int c = 0; c < nc; c++) {
            data[c] = new ColumnData(plan.columns.get(c).field);
            columns[c] = new ColumnAcc(plan.columns.get(c));
        }
        rules = new Failures[plan.rules.size()];
        for (int r = 0; r < rules.length; r++) {
            rules[r] = new Failures();
        }
        ruleGroups = groupRules(plan, rules, data);
        duplicates = new DuplicateAcc[plan.duplicates.size()];
        for (int d = 0; d < duplicates.length; d++) {
            duplicates[d] = new DuplicateAcc(plan.duplicates.get(d));
        }
        orphans = new OrphanAcc[plan.orphans.size()];
        for (int o = 0; o < orphans.length; o++) {
            int c = plan.columnIndex.get(plan.orphans.get(o).column());
            orphans[o] = new OrphanAcc(plan.orphans.get(o), c, data[c].kind);
        }
        violations = new Failures[plan.violations.size()];
        violationLabelers = new ViolationLabeler[violations.length];
        for (int v = 0; v < violations.length; v++) {
            violations[v] = new Failures();
            violationLabelers[v] = new ViolationLabeler(plan, v);
        }
        kernels = new PredicateKernels(plan.schema(),
                plan.violations.stream().map(Metric.Violations::predicate).toList());
        customs = new Object[plan.customs.size()];
        for (int c = 0; c < customs.length; c++) {
            customs[c] = plan.customs.get(c).metric().newState();
        }
    }

    /**
     * Folds one batch into every metric of the plan, in one pass: each column the plan reads is
     * copied out of its Arrow buffers once, then every metric on it runs over the copy.
     *
     * @param batch a batch with (at least) the columns the plan reads; read during the call only
     * @throws IllegalArgumentException if the batch lacks a column or has one of another type
     */
    public void update(VectorSchemaRoot batch) {
        Objects.requireNonNull(batch, "batch");
        int n = batch.getRowCount();
        long base = rows;
        load(batch);
        for (int c = 0; c < columns.length; c++) {
            columns[c].update(data[c], base);
        }
        for (ColumnRules g : ruleGroups) {
            g.scan(data[g.column], base);
        }
        for (DuplicateAcc d : duplicates) {
            d.update(data, base);
        }
        for (OrphanAcc o : orphans) {
            o.update(data[o.column], base);
        }
        boolean compiled = violations.length > 0 && kernels.bind(batch);
        for (int v = 0; v < violations.length; v++) {
            if (compiled && kernels.compiled(v)) {
                failingWords = kernels.notTrue(v, failingWords);
                addViolations(v, batch, base, failingWords);
            } else {
                // not covered by the kernels: the evaluator's rows, as bit words
                Selection failing = violations(v, batch);
                long[] words = new long[(n + 63) >>> 6];
                for (int i = n > 0 ? failing.nextSelected(0) : -1; i >= 0;
                        i = i + 1 < n ? failing.nextSelected(i + 1) : -1) {
                    words[i >>> 6] |= 1L << i;
                }
                addViolations(v, batch, base, words);
            }
        }
        for (int c = 0; c < customs.length; c++) {
            customMetric(c).update(customs[c], batch);
        }
        rows += n;
    }

    /** @return the row rules of each column that has some, evaluated together */
    private static ColumnRules[] groupRules(QualityPlan plan, Failures[] failures, ColumnData[] data) {
        java.util.Map<Integer, List<Integer>> byColumn = new java.util.LinkedHashMap<>();
        for (int r = 0; r < plan.rules.size(); r++) {
            byColumn.computeIfAbsent(plan.rules.get(r).column, c -> new java.util.ArrayList<>()).add(r);
        }
        ColumnRules[] groups = new ColumnRules[byColumn.size()];
        int g = 0;
        for (java.util.Map.Entry<Integer, List<Integer>> e : byColumn.entrySet()) {
            List<Integer> ids = e.getValue();
            RowRule[] rules = new RowRule[ids.size()];
            Failures[] f = new Failures[ids.size()];
            BoundedMatcher[] matchers = new BoundedMatcher[ids.size()];
            for (int k = 0; k < rules.length; k++) {
                rules[k] = plan.rules.get(ids.get(k));
                f[k] = failures[ids.get(k)];
                matchers[k] = rules[k].pattern == null ? null : new BoundedMatcher(rules[k].pattern);
            }
            groups[g++] = new ColumnRules(e.getKey(), data[e.getKey()].kind, rules, f, matchers);
        }
        return groups;
    }

    /** Counts and samples the rows of a batch that violate predicate {@code v}, given as bit words. */
    private void addViolations(int v, VectorSchemaRoot batch, long base, long[] failing) {
        int words = (batch.getRowCount() + 63) >>> 6;
        ViolationLabeler labeler = null;
        for (int w = 0; w < words; w++) {
            long bits = failing[w];
            if (bits != 0 && labeler == null) {
                labeler = violationLabelers[v];
                labeler.bind(batch);
            }
            while (bits != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                violations[v].add(base + i, labeler.hash(i), labeler, i);
            }
        }
        if (labeler != null) {
            violations[v].flush();
            labeler.unbind();
        }
    }

    void load(VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        for (int c = 0; c < data.length; c++) {
            FieldVector v = batch.getVector(data[c].name);
            if (v == null) {
                throw new IllegalArgumentException("the batch has no column '" + data[c].name + "', which the "
                        + "quality checks of dataset '" + plan.dataset() + "' read; columns are "
                        + batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
            }
            data[c].load(v, n);
        }
    }

    /** @return the rows of the batch where the v-th violations predicate is not true */
    Selection violations(int v, VectorSchemaRoot batch) {
        if (evaluator == null) {
            evaluator = new ExpressionEvaluator();
        }
        Selection selected = evaluator.select(plan.violations.get(v).predicate(), batch);
        evaluator.undecidedPattern().ifPresent(violations[v]::error);
        return selected.invert();
    }

    @SuppressWarnings("unchecked")
    CustomMetric<Object> customMetric(int c) {
        return (CustomMetric<Object>) plan.customs.get(c).metric();
    }

    /**
     * Folds in another state of the same plan, as if its batches had been folded into this state
     * after this state's own (its row positions move by {@link #rows()}).
     *
     * @param other a state of the same plan (or of a plan compiled from the same checks and schema);
     *     it is not changed
     * @throws IllegalArgumentException if the other state belongs to another plan
     */
    public void merge(QualityState other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            throw new IllegalArgumentException("a state cannot be merged into itself");
        }
        checkPlan(other.plan);
        long shift = rows;
        for (int c = 0; c < columns.length; c++) {
            columns[c].merge(other.columns[c], shift);
        }
        for (int r = 0; r < rules.length; r++) {
            rules[r].merge(other.rules[r], shift);
        }
        for (int d = 0; d < duplicates.length; d++) {
            duplicates[d].merge(other.duplicates[d], shift);
        }
        for (int o = 0; o < orphans.length; o++) {
            orphans[o].merge(other.orphans[o], shift);
        }
        for (int v = 0; v < violations.length; v++) {
            violations[v].merge(other.violations[v], shift);
        }
        for (int c = 0; c < customs.length; c++) {
            customs[c] = customMetric(c).merge(customs[c], other.customs[c]);
        }
        rows += other.rows;
    }

    private void checkPlan(QualityPlan other) {
        if (other != plan && other.fingerprint != plan.fingerprint) {
            throw new IllegalArgumentException("the state belongs to " + other + ", not to " + plan);
        }
    }

    /** @return the number of rows folded in */
    public long rows() {
        return rows;
    }

    /**
     * Writes the whole state (counts, statistics, sketches, duplicate-key sets, value tallies,
     * samples), to be read back with {@link #fromBytes} for incremental runs. The states of
     * {@link Metric.Custom custom metrics} are written with Java serialization.
     *
     * @return the bytes
     * @throws IllegalStateException if the state of a custom metric is not {@link Serializable}
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(plan.fingerprint);
            out.writeLong(rows);
            for (ColumnAcc c : columns) {
                c.write(out);
            }
            for (Failures r : rules) {
                r.write(out);
            }
            for (DuplicateAcc d : duplicates) {
                d.write(out);
            }
            for (OrphanAcc o : orphans) {
                o.tally.write(out);
            }
            for (Failures v : violations) {
                v.write(out);
            }
            for (int c = 0; c < customs.length; c++) {
                if (!(customs[c] instanceof Serializable)) {
                    throw new IllegalStateException("the state of custom metric '" + plan.customs.get(c).name()
                            + "' is a " + customs[c].getClass().getName() + ", which is not Serializable");
                }
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (ObjectOutputStream o = new ObjectOutputStream(b)) {
                    o.writeObject(customs[c]);
                }
                ColumnAcc.writeBytes(out, b.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state written by {@link #toBytes()}.
     *
     * @param plan the plan the state was computed for (or one compiled from the same checks and schema)
     * @param bytes the bytes
     * @return the state
     * @throws IllegalArgumentException if the bytes are not a state of this plan
     */
    public static QualityState fromBytes(QualityPlan plan, byte[] bytes) {
        Objects.requireNonNull(plan, "plan");
        QualityState s = new QualityState(plan);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("the bytes are not a quality state (no state header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("the bytes are a quality state of version " + version
                        + ", but this version of the SDK reads version " + VERSION + " only; compute the state "
                        + "again from the data");
            }
            if (in.readLong() != plan.fingerprint) {
                throw new IllegalArgumentException("the bytes are the state of another plan than " + plan);
            }
            s.rows = in.readLong();
            for (ColumnAcc c : s.columns) {
                c.read(in);
            }
            for (Failures r : s.rules) {
                r.read(in);
            }
            for (DuplicateAcc d : s.duplicates) {
                d.read(in);
            }
            for (OrphanAcc o : s.orphans) {
                o.tally.read(in);
            }
            for (Failures v : s.violations) {
                v.read(in);
            }
            for (int c = 0; c < s.customs.length; c++) {
                try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(ColumnAcc.readBytes(in)))) {
                    s.customs[c] = o.readObject();
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("the state of custom metric '" + plan.customs.get(c).name()
                            + "' cannot be read: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the bytes are not a complete quality state: " + e, e);
        }
        return s;
    }

    /**
     * The text of a row violating a predicate (the predicate's columns and values), and a hash of the
     * same row computed from the raw values without making the text: two rows hash equally exactly
     * when their texts are equal (up to 64-bit collisions), so the text is made only for the values
     * kept as samples. One per predicate and state, bound to the current batch.
     */
    static final class ViolationLabeler implements dev.dataproduct.core.quality.Failures.Labeler {
        private static final long SEED = 0x6A09E667F3BCC909L;
        private static final long RESTRICTED = 0x3C6EF372FE94F82BL;
        private static final long ABSENT = 0xA54FF53A5F1D36F1L;

        private final List<String> names;
        private final boolean[] sensitive;
        /** Copies of the predicate's columns, for hashing; null for a column the schema lacks. */
        private final ColumnData[] data;
        private final FieldVector[] vectors;
        private final boolean[] loaded;

        ViolationLabeler(QualityPlan plan, int v) {
            names = List.copyOf(plan.violations.get(v).predicate().columns());
            sensitive = new boolean[names.size()];
            data = new ColumnData[names.size()];
            vectors = new FieldVector[names.size()];
            loaded = new boolean[names.size()];
            for (int i = 0; i < names.size(); i++) {
                java.util.Optional<dev.dataproduct.api.schema.Field> field = plan.schema().field(names.get(i));
                sensitive[i] = field.map(f -> f.classification().isSensitive()).orElse(false);
                data[i] = field.isPresent() && !sensitive[i] ? new ColumnData(field.get()) : null;
            }
        }

        void bind(VectorSchemaRoot batch) {
            int n = batch.getRowCount();
            for (int c = 0; c < names.size(); c++) {
                vectors[c] = batch.getVector(names.get(c));
                loaded[c] = false;
                if (data[c] != null && vectors[c] != null) {
                    try {
                        data[c].load(vectors[c], n);
                        loaded[c] = true;
                    } catch (IllegalArgumentException e) {
                        // a vector of another type than the schema's: hashed from its text below
                    }
                }
            }
        }

        void unbind() {
            java.util.Arrays.fill(vectors, null);
        }

        /** @return the hash of a row's values, equal for rows whose {@link #label}s are equal */
        long hash(int row) {
            long h = SEED;
            for (int c = 0; c < data.length; c++) {
                ColumnData d = data[c];
                long part;
                if (sensitive[c]) {
                    part = RESTRICTED;
                } else if (vectors[c] == null) {
                    part = ABSENT;
                } else if (!loaded[c]) {
                    part = vectors[c].isNull(row) ? Hashing.NULL : Hashing.text(ColumnData.text(vectors[c], row));
                } else if (!d.valid(row)) {
                    part = Hashing.NULL;
                } else if (d.kind == ColumnData.Kind.FLOAT) {
                    // the text tells 0.0 from -0.0, so the hash does too (unlike ColumnData.hash)
                    part = Hashing.mix(Double.doubleToLongBits(d.doubles[row]));
                } else {
                    part = d.hash(row);
                }
                h = Hashing.combine(h, part);
            }
            return h;
        }

        @Override
        public String label(int row) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < names.size(); c++) {
                FieldVector vec = vectors[c];
                String value = sensitive[c] ? ColumnData.RESTRICTED : vec == null ? "?"
                        : vec.isNull(row) ? "null" : ColumnData.text(vec, row);
                sb.append(c == 0 ? "" : ", ").append(names.get(c)).append('=').append(value);
            }
            return sb.toString();
        }
    }
}
