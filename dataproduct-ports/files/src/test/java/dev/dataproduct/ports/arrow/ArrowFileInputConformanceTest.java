package dev.dataproduct.ports.arrow;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.testkit.spi.InputPortKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The Arrow file input passes the input port kit; Arrow files hold typed values only. */
class ArrowFileInputConformanceTest extends InputPortKit {

    @Override
    protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) {
        Path file = dir.resolve(name + ".arrow");
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(schema, rows, allocator)) {
            ArrowFileOutput.write(Dataset.of(name, schema, List.of(batch)), file, allocator);
        }
        return ArrowFileInput.of(name, file);
    }
}
