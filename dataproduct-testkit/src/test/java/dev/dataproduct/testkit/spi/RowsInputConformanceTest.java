package dev.dataproduct.testkit.spi;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.testkit.port.RowsInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The testkit's own in-memory input passes the input port kit. */
class RowsInputConformanceTest extends InputPortKit {
    @Override
    protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) {
        return RowsInput.of(name, schema, rows).batchSize(64);
    }
}
