package dev.dataproduct.ports.jsonl;

import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.ports.files.DeliveredFiles;
import dev.dataproduct.testkit.spi.DeliveryPortKit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The JSON Lines delivery port passes the delivery port kit. */
class JsonLinesFileOutputConformanceTest extends DeliveryPortKit {

    @Override
    protected OutputPort port(Path dir) {
        return JsonLinesFileOutput.at(dir.resolve("jsonl"));
    }

    @Override
    protected List<Map<String, Object>> delivered(Path dir, String dataset) throws IOException {
        return DeliveredFiles.read(dir.resolve("jsonl"), dataset, dataset().schema());
    }
}
