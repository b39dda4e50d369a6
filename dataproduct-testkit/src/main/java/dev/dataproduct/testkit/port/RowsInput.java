package dev.dataproduct.testkit.port;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An input port over rows held in memory, for product-level tests. The rows are cut into batches
 * of a given size when the port is opened, and released when it is closed.
 *
 * <pre>{@code
 * InputPort orders = RowsInput.of("orders", schema, List.of(Map.of("id", "a", "quantity", 2L)));
 * }</pre>
 */
public final class RowsInput implements InputPort {
    private final String name;
    private final Schema schema;
    private final List<Map<String, Object>> rows;
    private final int batchSize;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    private RowsInput(String name, Schema schema, List<? extends Map<String, ?>> rows, int batchSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.rows = new ArrayList<>();
        for (Map<String, ?> row : rows) {
            this.rows.add(java.util.Collections.unmodifiableMap(new java.util.HashMap<>(row)));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /**
     * @param name the input name
     * @param schema the schema of the rows
     * @param rows the rows by column name; a missing key means null
     * @return a port delivering batches of up to 1024 rows
     */
    public static RowsInput of(String name, Schema schema, List<? extends Map<String, ?>> rows) {
        return new RowsInput(name, schema, rows, 1024);
    }

    /**
     * @param size the most rows per batch
     * @return a copy of this port with that batch size
     */
    public RowsInput batchSize(int size) {
        return new RowsInput(name, schema, rows, size);
    }

    /** @return the schema of the rows */
    public Schema schema() {
        return schema;
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "memory", "rows", "");
    }

    /**
     * @throws IllegalArgumentException naming the row and column of a value that does not fit the schema
     */
    @Override
    public Dataset open(InputContext context) {
        close();
        for (int from = 0; from < rows.size(); from += batchSize) {
            batches.add(BatchBuilder.fromRows(schema, rows.subList(from, Math.min(rows.size(), from + batchSize)),
                    context.allocator()));
        }
        return Dataset.of(name, schema, batches);
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
    }
}
