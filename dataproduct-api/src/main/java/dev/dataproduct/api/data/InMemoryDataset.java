package dev.dataproduct.api.data;

import dev.dataproduct.api.schema.Schema;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A dataset over batches that someone else owns. */
final class InMemoryDataset implements Dataset {
    private final String name;
    private final Schema schema;
    private final List<VectorSchemaRoot> batches;

    InMemoryDataset(String name, Schema schema, List<VectorSchemaRoot> batches) {
        this.name = Objects.requireNonNull(name, "name");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.batches = List.copyOf(batches);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public BatchCursor open() {
        return new BatchCursor() {
            private int position = -1;

            @Override
            public boolean next() {
                if (position < batches.size()) {
                    position++;
                }
                return position < batches.size();
            }

            @Override
            public VectorSchemaRoot batch() {
                if (position < 0 || position >= batches.size()) {
                    throw new IllegalStateException("the cursor of dataset '" + name + "' is not on a batch");
                }
                return batches.get(position);
            }

            @Override
            public void close() {
                position = batches.size();
            }
        };
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + batches.size() + " batches in memory]";
    }
}
