package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Stands in for a product's input port during one run of the driver: the same name and upstream,
 * the rows the test piped. Rows whose values do not fit their column are quarantined by the batch
 * builder, rows whose text did not parse were quarantined when piped; both reach the run's rejects.
 * The rows are cut into batches of the input's batch size.
 */
final class PipedInput implements InputPort {
    private final InputPort replaced;
    private final Schema schema;
    private final List<Object> rows;
    private final int batchSize;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    /** The origin of each row of each batch, batch by batch. */
    private final List<List<String>> origins = new ArrayList<>();

    PipedInput(InputPort replaced, Schema schema, List<Object> rows, int batchSize) {
        this.replaced = replaced;
        this.schema = schema;
        this.rows = rows;
        this.batchSize = batchSize;
    }

    @Override
    public PortDescriptor descriptor() {
        return replaced.descriptor();
    }

    @Override
    public Optional<Upstream> upstream() {
        return replaced.upstream();
    }

    @Override
    public Dataset open(InputContext context) {
        close();
        String name = descriptor().name();
        for (int start = 0; start < rows.size() || start == 0; start += batchSize) {
            addBatch(name, rows.subList(start, (int) Math.min(rows.size(), (long) start + batchSize)), context);
        }
        Dataset rows = Dataset.of(name, schema, List.copyOf(batches));
        return new Dataset() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Schema schema() {
                return schema;
            }

            /** The rows of the batch with the origins they were piped with. */
            @Override
            public BatchCursor open() {
                BatchCursor cursor = rows.open();
                return new BatchCursor() {
                    private int current = -1;

                    @Override
                    public boolean next() {
                        boolean more = cursor.next();
                        if (more) {
                            current++;
                        }
                        return more;
                    }

                    @Override
                    public VectorSchemaRoot batch() {
                        return cursor.batch();
                    }

                    @Override
                    public Optional<String> origin(int row) {
                        return Optional.of(origins.get(current).get(row));
                    }

                    @Override
                    public void close() {
                        cursor.close();
                    }
                };
            }
        };
    }

    private void addBatch(String name, List<Object> piped, InputContext context) {
        List<String> batchOrigins = new ArrayList<>();
        try (BatchBuilder builder = BatchBuilder.quarantining(schema, context.allocator(), name, context.rejects())) {
            for (Object row : piped) {
                if (row instanceof RejectedRow rejected) {
                    context.rejects().reject(rejected);
                } else {
                    TestInput.Typed typed = (TestInput.Typed) row;
                    int before = builder.rowCount();
                    builder.origin(typed.origin()).addRow(typed.values());
                    if (builder.rowCount() > before) {
                        batchOrigins.add(typed.origin());
                    }
                }
            }
            batches.add(builder.build());
        }
        origins.add(batchOrigins);
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
        origins.clear();
    }
}
