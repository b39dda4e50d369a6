package dev.dataproduct.ports.csv;

import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.ports.files.DeliveredFiles;
import dev.dataproduct.testkit.spi.DeliveryPortKit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The CSV delivery port passes the delivery port kit. */
class CsvFileOutputConformanceTest extends DeliveryPortKit {

    @Override
    protected OutputPort port(Path dir) {
        return CsvFileOutput.at(dir.resolve("csv"));
    }

    @Override
    protected List<Map<String, Object>> delivered(Path dir, String dataset) throws IOException {
        return DeliveredFiles.read(dir.resolve("csv"), dataset, dataset().schema());
    }
}
