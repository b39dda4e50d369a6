package dev.dataproduct.benchmarks;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An input of generated rows, built straight into batches of 8,192 rows, which the port owns and
 * closes; the benchmarks that serve a product (REST, SQL) read their rows from it.
 */
final class GeneratedEvents implements InputPort {
    private static final int BATCH = 8192;
    private final Schema schema;
    private final int rows;
    private final IntFunction<Object[]> row;
    private final List<org.apache.arrow.vector.VectorSchemaRoot> batches = new ArrayList<>();

    /**
     * @param schema the schema of the rows
     * @param rows how many
     * @param row the values of row {@code i}, in the schema's order
     */
    GeneratedEvents(Schema schema, int rows, IntFunction<Object[]> row) {
        this.schema = schema;
        this.rows = rows;
        this.row = row;
    }

    @Override
    public void close() {
        batches.forEach(org.apache.arrow.vector.VectorSchemaRoot::close);
        batches.clear();
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor("events", "memory", "generated", "");
    }

    @Override
    public Dataset open(InputContext context) {
        close();
        for (int from = 0; from < rows; from += BATCH) {
            try (BatchBuilder b = BatchBuilder.create(schema, context.allocator())) {
                for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                    b.addRow(row.apply(i));
                }
                batches.add(b.build());
            }
        }
        return Dataset.of("events", schema, batches);
    }
}
