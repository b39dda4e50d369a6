package dev.dataproduct.ports.arrow;

import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.ports.files.FileSet;
import dev.dataproduct.testkit.spi.DeliveryPortKit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The Arrow file output passes the delivery port kit. */
class ArrowFileOutputConformanceTest extends DeliveryPortKit {

    @Override
    protected OutputPort port(Path dir) {
        return ArrowFileOutput.at(dir.resolve("served"));
    }

    @Override
    protected List<Map<String, Object>> delivered(Path dir, String dataset) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        Path set = FileSet.current(dir.resolve("served")).orElseThrow();
        try (BufferAllocator allocator = new RootAllocator();
             ArrowFileInput input = ArrowFileInput.of(dataset, set.resolve(dataset + ".arrow"))) {
            input.open(new InputContext(allocator, Clock.systemUTC(), r -> { })).forEachRow(r -> rows.add(r.toMap()));
        }
        return rows;
    }
}
