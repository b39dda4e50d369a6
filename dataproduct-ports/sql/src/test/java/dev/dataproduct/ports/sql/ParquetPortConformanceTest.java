package dev.dataproduct.ports.sql;

import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.ports.files.FileSet;
import dev.dataproduct.testkit.spi.DeliveryPortKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The Parquet delivery port passes the delivery port kit; what it delivered is read back by DuckDB. */
class ParquetPortConformanceTest extends DeliveryPortKit {

    @Override
    protected OutputPort port(Path dir) {
        return ParquetPort.at(dir.resolve("parquet"));
    }

    @Override
    protected List<Map<String, Object>> delivered(Path dir, String dataset) throws Exception {
        Path set = FileSet.current(dir.resolve("parquet"))
                .orElseThrow(() -> new AssertionError("nothing delivered to " + dir.resolve("parquet")));
        try (BufferAllocator allocator = new RootAllocator()) {
            return ParquetWriterTest.readBack(set.resolve(dataset + ParquetPort.EXTENSION), allocator);
        }
    }
}
