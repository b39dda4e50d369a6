package dev.dataproduct.core.lineage;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A test input of rows in memory, in one batch, that says it is of a given kind and location. */
class RowsInput implements InputPort {
    private final PortDescriptor descriptor;
    private final Schema schema;
    private final List<Map<String, Object>> rows;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    RowsInput(PortDescriptor descriptor, Schema schema, List<Map<String, Object>> rows) {
        this.descriptor = descriptor;
        this.schema = schema;
        this.rows = rows;
    }

    @Override
    public PortDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Dataset open(InputContext context) {
        batches.add(BatchBuilder.fromRows(schema, rows, context.allocator()));
        return Dataset.of(descriptor.name(), schema, batches);
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
    }
}
