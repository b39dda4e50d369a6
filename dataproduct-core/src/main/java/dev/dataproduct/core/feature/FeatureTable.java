package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.feature.Aggregation;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the feature table of a {@link FeatureView} from its source: one row per source row, with
 * the join keys, the event and created times as instants, and each feature: a column or expression
 * evaluated on the row, or a rolling aggregate over the entity's rows with
 * {@code e - window < event_time <= e} for the row's event time {@code e}. Rows come out grouped by
 * entity (in the order entities first appear) and ordered by event time and created time within
 * one, the order of the source kept among equal rows.
 *
 * <p>A source row without a join key or event time cannot be placed in time: it is passed on as it
 * is, without rolling values, and the contract gate of the run quarantines it (the keys and event
 * time of the feature table are required), so that no row is lost.
 *
 * <p>Memory: the transform holds the evaluated rows of the source until it has read all of them,
 * since a window may span the whole input; a feature product over more rows than memory holds
 * should read its source in slices.
 */
public final class FeatureTable {
    private static final int BATCH_ROWS = 8192;

    private FeatureTable() {
    }

    /**
     * The transform of a feature product: reads the view's source input and emits its feature table.
     * Declare {@link FeatureView#dataset()} as the product's output.
     *
     * <pre>{@code
     * DataProduct.builder("attendance-signals").kind(ProductKind.derived(DerivedPattern.FEATURE))
     *     .input(view.source()).output(view.dataset())
     *     .transform(FeatureTable.transform(view))
     * }</pre>
     *
     * @param view the feature view
     * @return the transform
     */
    public static Transform transform(FeatureView view) {
        Objects.requireNonNull(view, "view");
        return (TransformContext context, BatchSink out) -> emit(view,
                rows(view, context.input(view.source().name()), context), context, out);
    }

    /** One evaluated source row. */
    private record Row(Object[] keys, long event, long created, Object[] values) {
    }

    private static List<Row> rows(FeatureView view, Dataset source, TransformContext context) {
        List<String> keys = view.entity().keyColumns();
        List<Feature> features = view.features();
        ExpressionEvaluator evaluator = new ExpressionEvaluator();
        List<Row> rows = new ArrayList<>();
        source.forEachBatch(batch -> {
            List<FieldVector> keyVectors = keys.stream().map(k -> column(view, batch, k)).toList();
            FieldVector event = column(view, batch, view.eventTime());
            FieldVector created = view.createdTime().map(c -> column(view, batch, c)).orElse(null);
            List<FieldVector> values = new ArrayList<>();
            try {
                for (Feature f : features) {
                    values.add(evaluate(view, evaluator, f, batch, context));
                }
                for (int r = 0; r < batch.getRowCount(); r++) {
                    Object[] k = new Object[keys.size()];
                    for (int i = 0; i < k.length; i++) {
                        k[i] = VectorValues.get(keyVectors.get(i), r);
                    }
                    Object[] v = new Object[features.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = VectorValues.get(values.get(i), r);
                    }
                    rows.add(new Row(k, AsOfRule.micros(VectorValues.get(event, r)),
                            created == null ? AsOfRule.NO_TIME : AsOfRule.micros(VectorValues.get(created, r)), v));
                }
            } finally {
                values.forEach(FieldVector::close);
            }
        });
        return rows;
    }

    private static FieldVector column(FeatureView view, VectorSchemaRoot batch, String name) {
        FieldVector v = batch.getVector(name);
        if (v == null) {
            throw new DataProductException("feature view '" + view.name() + "' reads column '" + name
                    + "', which input '" + view.source().name() + "' does not have; its columns are "
                    + batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
        }
        return v;
    }

    private static FieldVector evaluate(FeatureView view, ExpressionEvaluator evaluator, Feature f,
                                        VectorSchemaRoot batch, TransformContext context) {
        try {
            return evaluator.evaluate(f.value(), batch, f.name(), context.allocator());
        } catch (IllegalArgumentException e) {
            throw new DataProductException("feature view '" + view.name() + "', feature '" + f.name()
                    + "': its expression " + f.value() + " cannot be evaluated on input '" + view.source().name()
                    + "': " + e.getMessage());
        }
    }

    private static void emit(FeatureView view, List<Row> rows, TransformContext context, BatchSink out) {
        Map<List<Object>, List<Row>> byEntity = new LinkedHashMap<>();
        List<Row> unplaced = new ArrayList<>();
        for (Row r : rows) {
            if (r.event() == AsOfRule.NO_TIME || Arrays.asList(r.keys()).contains(null)) {
                unplaced.add(r);
            } else {
                byEntity.computeIfAbsent(Arrays.asList(r.keys()), k -> new ArrayList<>()).add(r);
            }
        }
        try (Emitter emitter = new Emitter(view, context, out)) {
            for (List<Row> entity : byEntity.values()) {
                // a stable sort: rows equal by both times keep the order of the source
                entity.sort(Comparator.comparingLong(Row::event).thenComparingLong(Row::created));
                Object[][] rolled = roll(view.features(), entity);
                for (int i = 0; i < entity.size(); i++) {
                    emitter.add(entity.get(i), rolled[i]);
                }
            }
            for (Row r : unplaced) {
                Object[] values = r.values().clone();
                for (int f = 0; f < values.length; f++) {
                    if (view.features().get(f).isRolling()) {
                        values[f] = null;
                    }
                }
                emitter.add(r, values);
            }
        }
    }

    /** The value of every feature for each row of one entity, sorted by time. */
    private static Object[][] roll(List<Feature> features, List<Row> entity) {
        int n = entity.size();
        Object[][] out = new Object[n][];
        for (int i = 0; i < n; i++) {
            out[i] = entity.get(i).values().clone();
        }
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            if (!feature.isRolling()) {
                continue;
            }
            long window = AsOfRule.micros(feature.window().get());
            int start = 0;
            int i = 0;
            while (i < n) {
                long e = entity.get(i).event();
                int end = i;
                while (end + 1 < n && entity.get(end + 1).event() == e) {
                    end++;
                }
                // the window is (e - window, e]: drop rows at or before its exclusive start
                long exclusiveStart = e - window > e ? Long.MIN_VALUE : e - window;
                while (entity.get(start).event() <= exclusiveStart) {
                    start++;
                }
                Object value = aggregate(feature.name(), feature.aggregation().get(), entity, start, end, f);
                for (int k = i; k <= end; k++) {
                    out[k][f] = value;
                }
                i = end + 1;
            }
        }
        return out;
    }

    private static Object aggregate(String name, Aggregation aggregation, List<Row> entity, int from, int to,
                                    int feature) {
        long count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = from; k <= to; k++) {
            Object v = entity.get(k).values()[feature];
            if (v == null) {
                continue;
            }
            count++;
            if (aggregation == Aggregation.COUNT) {
                continue;
            }
            if (!(v instanceof Boolean) && !(v instanceof Number)) {
                throw new DataProductException("feature '" + name + "' is a " + aggregation + " of values that are "
                        + v.getClass().getSimpleName() + ", not numbers or booleans; aggregate a numeric expression "
                        + "or COUNT it");
            }
            double d = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        if (aggregation == Aggregation.COUNT) {
            return count;
        }
        if (count == 0) {
            return null;
        }
        return switch (aggregation) {
            case SUM -> sum;
            case MEAN -> sum / count;
            case MIN -> min;
            case MAX -> max;
            case COUNT -> count;
        };
    }

    /** Writes rows in batches of the output's schema. */
    private static final class Emitter implements AutoCloseable {
        private final FeatureView view;
        private final TransformContext context;
        private final BatchSink out;
        private BatchBuilder builder;

        Emitter(FeatureView view, TransformContext context, BatchSink out) {
            this.view = view;
            this.context = context;
            this.out = out;
        }

        void add(Row row, Object[] values) {
            if (builder == null) {
                builder = context.batchBuilder();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            List<String> keys = view.entity().keyColumns();
            for (int i = 0; i < keys.size(); i++) {
                m.put(keys.get(i), row.keys()[i]);
            }
            m.put(view.eventTime(), row.event() == AsOfRule.NO_TIME ? null : AsOfRule.instant(row.event()));
            view.createdTime().ifPresent(c -> m.put(c, row.created() == AsOfRule.NO_TIME ? null
                    : AsOfRule.instant(row.created())));
            for (int i = 0; i < values.length; i++) {
                m.put(view.features().get(i).name(), values[i]);
            }
            builder.addRow(m);
            if (builder.rowCount() >= BATCH_ROWS) {
                flush();
            }
        }

        private void flush() {
            if (builder != null) {
                try (VectorSchemaRoot batch = builder.build()) {
                    if (batch.getRowCount() > 0) {
                        out.accept(batch);
                    }
                } finally {
                    builder.close();
                    builder = null;
                }
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
