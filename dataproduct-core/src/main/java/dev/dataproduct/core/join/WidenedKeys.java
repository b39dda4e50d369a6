package dev.dataproduct.core.join;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One side of a join read with some integer key columns as int64, so that a key held as int32 on
 * one side and int64 on the other compares by value, as SQL engines compare integers of different
 * widths. Each batch's converted columns are released when the next batch is read.
 */
final class WidenedKeys implements Dataset {
    private final Dataset side;
    private final Set<String> columns;
    private final Schema schema;

    WidenedKeys(Dataset side, Set<String> columns) {
        this.side = side;
        this.columns = Set.copyOf(columns);
        List<Field> fields = new ArrayList<>();
        for (Field f : side.schema().fields()) {
            fields.add(!columns.contains(f.name()) ? f : new Field(f.name(), LogicalType.INT64, f.required(),
                    f.description(), f.classification(), f.personalData(), f.primaryKeyPosition(), f.conformedKey(),
                    f.constraints(), f.examples()));
        }
        this.schema = new Schema(fields);
    }

    @Override
    public String name() {
        return side.name();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public BatchCursor open() {
        BatchCursor inner = side.open();
        return new BatchCursor() {
            private final List<FieldVector> owned = new ArrayList<>();
            private VectorSchemaRoot current;

            @Override
            public boolean next() {
                release();
                if (!inner.next()) {
                    return false;
                }
                VectorSchemaRoot batch = inner.batch();
                int n = batch.getRowCount();
                List<FieldVector> vectors = new ArrayList<>();
                for (FieldVector v : batch.getFieldVectors()) {
                    if (!columns.contains(v.getName())) {
                        vectors.add(v);
                        continue;
                    }
                    BigIntVector wide = new BigIntVector(v.getName(), v.getAllocator());
                    owned.add(wide);
                    wide.allocateNew(Math.max(n, 1));
                    BaseIntVector ints = (BaseIntVector) v;
                    for (int i = 0; i < n; i++) {
                        if (v.isNull(i)) {
                            wide.setNull(i);
                        } else {
                            wide.set(i, ints.getValueAsLong(i));
                        }
                    }
                    wide.setValueCount(n);
                    vectors.add(wide);
                }
                // a root over borrowed vectors: never closed, only the converted columns are released
                current = new VectorSchemaRoot(vectors);
                current.setRowCount(n);
                return true;
            }

            @Override
            public VectorSchemaRoot batch() {
                if (current == null) {
                    throw new IllegalStateException("no batch: call next() first");
                }
                return current;
            }

            @Override
            public Optional<String> origin(int row) {
                return inner.origin(row);
            }

            private void release() {
                owned.forEach(FieldVector::close);
                owned.clear();
                current = null;
            }

            @Override
            public void close() {
                release();
                inner.close();
            }
        };
    }
}
