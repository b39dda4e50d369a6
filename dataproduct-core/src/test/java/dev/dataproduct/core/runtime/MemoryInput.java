package dev.dataproduct.core.runtime;

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

/** A test input holding rows in memory, cut into batches of a given size when opened. */
class MemoryInput implements InputPort {
    private final String name;
    private final Schema schema;
    private final List<Map<String, Object>> rows;
    private final int batchSize;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    MemoryInput(String name, Schema schema, List<Map<String, Object>> rows, int batchSize) {
        this.name = name;
        this.schema = schema;
        this.rows = rows;
        this.batchSize = batchSize;
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "memory", "arrow", "");
    }

    @Override
    public Dataset open(InputContext context) {
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
