package dev.dataproduct.core.runtime;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Schema;
import java.util.List;
import java.util.Map;

/**
 * A test input that delivers good rows like {@link MemoryInput} and sends bad ones to the run's
 * reject sink, either eagerly when opened or lazily whenever a pass over its dataset starts.
 */
final class RejectingInput implements InputPort {
    private final MemoryInput good;
    private final List<RejectedRow> bad;
    private final boolean eager;

    RejectingInput(String name, Schema schema, List<Map<String, Object>> rows, List<RejectedRow> bad, boolean eager) {
        this.good = new MemoryInput(name, schema, rows, 100);
        this.bad = bad;
        this.eager = eager;
    }

    @Override
    public PortDescriptor descriptor() {
        return good.descriptor();
    }

    @Override
    public Dataset open(InputContext context) {
        Dataset rows = good.open(context);
        if (eager) {
            bad.forEach(context.rejects()::reject);
            return rows;
        }
        return new Dataset() {
            @Override
            public String name() {
                return rows.name();
            }

            @Override
            public Schema schema() {
                return rows.schema();
            }

            @Override
            public BatchCursor open() {
                // like a file port, every pass reads the bad rows again
                bad.forEach(context.rejects()::reject);
                return rows.open();
            }
        };
    }

    @Override
    public void close() {
        good.close();
    }
}
