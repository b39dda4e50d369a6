package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.core.expr.RowGather;
import dev.dataproduct.core.expr.Selection;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The offline (training) path: joins entity rows with timestamps to a feature view's feature table
 * under the as-of rule, streaming Arrow batches.
 *
 * <pre>{@code
 * Dataset training = AsOfJoin.of(view).join(labels, "as_of", featureTable, allocator);
 * }</pre>
 *
 * <p>Each output batch is an entity batch (its columns as they are, shared) followed, for each
 * feature, by the feature's value and a {@code <feature>_status} column holding its
 * {@link FeatureStatus}: {@code PRESENT}, {@code NULL_VALUE}, {@code NOT_FOUND} (also for an entity
 * row whose key or time is null: bad rows are answered, not thrown) or {@code EXPIRED}. The entity
 * rows keep their order. They name the join keys as the entity does; their time column may be a date
 * (its start, UTC) or a timestamp (zone-less read as UTC).
 *
 * <p>Memory: of the feature table, only the feature columns are held, copied once into the order
 * of an index sorted by entity and time (20 bytes a row); its other columns are let go once it is
 * indexed. The entity rows are streamed, one batch and its output at a time; the rows of a batch are
 * probed in the order of their entity, each by a binary search of its entity's rows, and the values
 * chosen are copied in bulk. The entity side, the large one in training, is therefore bounded by the
 * batch size.
 */
public final class AsOfJoin {
    /** The suffix of the status column of each feature. */
    public static final String STATUS_SUFFIX = "_status";

    private final FeatureView view;

    private AsOfJoin(FeatureView view) {
        this.view = view;
    }

    /**
     * @param view the feature view whose rule (keys, times, maximum age) the join applies
     * @return the join
     */
    public static AsOfJoin of(FeatureView view) {
        return new AsOfJoin(Objects.requireNonNull(view, "view"));
    }

    /**
     * Joins lazily: nothing is read until the result is opened, and each opening reads the feature
     * table again.
     *
     * @param entityRows rows with the entity's join keys and a time
     * @param timeColumn the entity rows' time column, the {@code t} of the as-of rule
     * @param featureTable the view's feature table (a snapshot of the feature product, or
     *     {@link FeatureTable}'s output), in any order
     * @param allocator where the held table and the output batches live
     * @return the entity rows with their features and statuses
     * @throws DataProductException when opened, if the entity rows lack a key or the time column, or
     *     already have a column named like an output column
     */
    public Dataset join(Dataset entityRows, String timeColumn, Dataset featureTable, BufferAllocator allocator) {
        Objects.requireNonNull(entityRows, "entityRows");
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(featureTable, "featureTable");
        Objects.requireNonNull(allocator, "allocator");
        Schema schema = schema(entityRows.schema().toArrow(), featureTable.schema().toArrow());
        dev.dataproduct.api.schema.Schema described = dev.dataproduct.api.schema.Schema.fromArrow(schema);
        return new Dataset() {
            @Override
            public String name() {
                return entityRows.name();
            }

            @Override
            public dev.dataproduct.api.schema.Schema schema() {
                return described;
            }

            @Override
            public BatchCursor open() {
                return new Cursor(schema, entityRows, timeColumn, featureTable, allocator);
            }
        };
    }

    /**
     * The features of one output row of a join, as the online path returns them: so that one
     * function (a score, a model's input) reads a training row and a lookup alike.
     *
     * @param row a row of the join's output
     * @param view the view joined
     * @return each feature's value and status, in the view's order (no event time: the output has none)
     */
    public static Map<String, FeatureValue> values(RowView row, FeatureView view) {
        Map<String, FeatureValue> out = new java.util.LinkedHashMap<>();
        for (String f : view.featureNames()) {
            FeatureStatus status = FeatureStatus.valueOf(row.getString(f + STATUS_SUFFIX));
            out.put(f, status == FeatureStatus.PRESENT
                    ? new FeatureValue(java.util.Optional.of(row.get(f)), status, java.util.Optional.empty())
                    : FeatureValue.absent(status, java.util.Optional.empty()));
        }
        return out;
    }

    private Schema schema(Schema entity, Schema table) {
        List<Field> fields = new ArrayList<>(entity.getFields());
        List<String> problems = new ArrayList<>();
        for (String name : view.featureNames()) {
            Field f = table.getFields().stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
            if (f == null) {
                problems.add("the feature table has no column '" + name + "'");
                continue;
            }
            fields.add(new Field(name, FieldType.nullable(f.getType()), f.getChildren()));
            fields.add(new Field(name + STATUS_SUFFIX, FieldType.notNullable(new ArrowType.Utf8()), null));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Field f : fields) {
            if (!seen.add(f.getName())) {
                problems.add("the entity rows already have a column '" + f.getName() + "', which the join adds; "
                        + "rename it");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataProductException("as-of join of feature view '" + view.name() + "': "
                    + String.join("; ", problems));
        }
        return new Schema(fields);
    }

    /** Streams the entity rows, the feature table held from the first batch on. */
    private final class Cursor implements BatchCursor {
        /** Each status's name, by ordinal. */
        private static final byte[][] NAMES = new byte[FeatureStatus.values().length][];

        static {
            for (FeatureStatus s : FeatureStatus.values()) {
                NAMES[s.ordinal()] = s.name().getBytes(StandardCharsets.US_ASCII);
            }
        }

        private final Schema schema;
        private final Dataset entityRows;
        private final String timeColumn;
        private final Dataset featureTable;
        private final BufferAllocator allocator;
        private final long maxAge;
        private FeatureIndex index;
        private BatchCursor entities;
        private VectorSchemaRoot current;

        Cursor(Schema schema, Dataset entityRows, String timeColumn, Dataset featureTable, BufferAllocator allocator) {
            this.schema = schema;
            this.entityRows = entityRows;
            this.timeColumn = timeColumn;
            this.featureTable = featureTable;
            this.allocator = allocator;
            this.maxAge = AsOfRule.micros(view.maxAge());
        }

        @Override
        public boolean next() {
            closeCurrent();
            if (index == null) {
                index = FeatureIndex.build(view, featureTable, allocator);
                entities = entityRows.open();
            }
            if (!entities.next()) {
                return false;
            }
            current = join(entities.batch());
            return true;
        }

        private VectorSchemaRoot join(VectorSchemaRoot batch) {
            int n = batch.getRowCount();
            FieldVector time = batch.getVector(timeColumn);
            if (time == null) {
                throw new DataProductException("as-of join of feature view '" + view.name() + "': the entity rows "
                        + "have no time column '" + timeColumn + "'");
            }
            EntityKeys keys;
            try {
                keys = EntityKeys.of(batch, view.entity().keyColumns(), "the entity rows");
            } catch (IllegalArgumentException e) {
                throw new DataProductException("as-of join of feature view '" + view.name() + "': " + e.getMessage());
            }
            Times times = new Times(time);
            long[] at = new long[n];
            FeatureStatus[] rowStatus = new FeatureStatus[n];
            int[] chosen = new int[n];
            // the rows are probed in the order of their entity, so that the entity table, the index and
            // the feature values (held in the index's order) are read forward rather than at random: most
            // of a probe's time was waiting for memory. Integer keys are ordered by their home slot in the
            // entity table, in whose order their entities are numbered, before the table is read at all.
            boolean bySlot = index.inSlotOrder(keys);
            long[] order = new long[n];
            int probes = 0;
            for (int r = 0; r < n; r++) {
                at[r] = times.at(r);
                int place = at[r] == AsOfRule.NO_TIME ? -1 : bySlot ? index.home(keys, r) : index.entity(keys, r);
                if (place < 0) {
                    chosen[r] = -1;
                    rowStatus[r] = AsOfRule.judge(AsOfRule.NO_TIME, at[r], maxAge);
                } else {
                    order[probes++] = (long) place << 32 | r;
                }
            }
            EntityOrder.sort(order, probes, bySlot ? index.slotCount() : index.entities());
            for (int k = 0; k < probes; k++) {
                long o = order[k];
                int r = (int) o;
                int i = index.latest(bySlot ? index.entity(keys, r) : (int) (o >>> 32), at[r]);
                chosen[r] = i;
                rowStatus[r] = AsOfRule.judge(i < 0 ? AsOfRule.NO_TIME : index.event(i), at[r], maxAge);
            }
            List<FieldVector> vectors = new ArrayList<>();
            try (VectorSchemaRoot shared = Selection.all(n).copyRows(batch, batch.getSchema(), allocator)) {
                for (FieldVector v : shared.getFieldVectors()) {
                    FieldVector copy = v.getField().createVector(allocator);
                    vectors.add(copy);
                    v.makeTransferPair(copy).transfer();
                }
                int column = batch.getSchema().getFields().size();
                for (String feature : view.featureNames()) {
                    FieldVector value = schema.getFields().get(column++).createVector(allocator);
                    vectors.add(value);
                    VarCharVector status = (VarCharVector) schema.getFields().get(column++).createVector(allocator);
                    vectors.add(status);
                    fill(index.feature(feature), chosen, rowStatus, value, status, n);
                }
                return new VectorSchemaRoot(schema.getFields(), vectors, n);
            } catch (RuntimeException e) {
                vectors.forEach(FieldVector::close);
                throw e;
            }
        }

        /** Writes a feature's values and statuses, each vector sized once and its values copied in bulk. */
        private void fill(FieldVector source, int[] chosen, FeatureStatus[] rowStatus, FieldVector value,
                          VarCharVector status, int n) {
            FieldVector[] from = new FieldVector[n];
            for (int r = 0; r < n; r++) {
                from[r] = rowStatus[r] == FeatureStatus.PRESENT ? source : null;
            }
            RowGather.gather(from, chosen, n, value);
            FeatureStatus[] statuses = new FeatureStatus[n];
            long bytes = 0;
            for (int r = 0; r < n; r++) {
                statuses[r] = AsOfRule.featureStatus(rowStatus[r], from[r] != null && value.isNull(r));
                bytes += NAMES[statuses[r].ordinal()].length;
            }
            status.allocateNew(Math.max(bytes, 1), Math.max(n, 1));
            ArrowBuf validity = status.getValidityBuffer();
            validity.setZero(0, validity.capacity());
            validity.setOne(0, n / 8);
            for (int r = n / 8 * 8; r < n; r++) {
                BitVectorHelper.setBit(validity, r);
            }
            ArrowBuf offsets = status.getOffsetBuffer();
            ArrowBuf data = status.getDataBuffer();
            int end = 0;
            offsets.setInt(0, 0);
            for (int r = 0; r < n; r++) {
                byte[] name = NAMES[statuses[r].ordinal()];
                data.setBytes(end, name);
                end += name.length;
                offsets.setInt((long) (r + 1) * BaseVariableWidthVector.OFFSET_WIDTH, end);
            }
            status.setLastSet(n - 1);
            status.setValueCount(n);
        }

        @Override
        public VectorSchemaRoot batch() {
            if (current == null) {
                throw new IllegalStateException("no current batch: call next() first, and only while it returns true");
            }
            return current;
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        public void close() {
            closeCurrent();
            if (entities != null) {
                entities.close();
            }
            if (index != null) {
                index.close();
            }
        }
    }
}
